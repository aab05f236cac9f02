using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Features.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Tests.Configuration;

/// <summary>A bad setting stops the server at start, with a message that names the configuration key.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Beacon:Token:LifetimeSeconds", "0", "Beacon:Token:LifetimeSeconds")]
    [InlineData("Beacon:Token:Algorithm", "ES512", "Beacon:Token:Algorithm")]
    [InlineData("Beacon:Token:Algorithm", "HS256", "Beacon:Token:HmacSecret")]
    [InlineData("Beacon:Token:SigningKeyPath", "/nonexistent/key.pem", "Beacon:Token:SigningKeyPath")]
    [InlineData("Beacon:Token:Issuer", " ", "Beacon:Token:Issuer")]
    [InlineData("Beacon:Store:MaxCaptures", "0", "Beacon:Store:MaxCaptures")]
    [InlineData("Beacon:Store:MaxBytes", "10", "Beacon:Store:MaxBytes")]
    [InlineData("Beacon:MaxBodyBytes", "12", "Beacon:MaxBodyBytes")]
    [InlineData("Beacon:Licenses:0:Key", "", "Beacon:Licenses:0:Key")]
    [InlineData("Beacon:Licenses:0:OrgId", "not-a-uuid", "Beacon:Licenses:0:OrgId")]
    [InlineData("Beacon:Licenses:0:Status", "suspended", "Beacon:Licenses:0:Status")]
    [InlineData("Beacon:Licenses:0:Status", "1", "Beacon:Licenses:0:Status")]
    [InlineData("Beacon:Licenses:0:Claims:exp", "1", "Beacon:Licenses:0:Claims:exp")]
    [InlineData("Beacon:Licenses:0:Claims:org_id", "6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10", "Beacon:Licenses:0:Claims:org_id")]
    [InlineData("Beacon:RequireKnownLicense", "maybe", "Beacon:RequireKnownLicense")]
    [InlineData("Beacon:Store:MaxCaptures", "many", "Beacon:Store:MaxCaptures")]
    [InlineData("Beacon:Waits:MaxTimeoutMs", "0", "Beacon:Waits:MaxTimeoutMs")]
    [InlineData("Beacon:Waits:DefaultTimeoutMs", "400000", "Beacon:Waits:DefaultTimeoutMs")]
    [InlineData("Beacon:Admin:Token", "short", "Beacon:Admin:Token")]
    [InlineData("Beacon:Admin:Token", "", "Beacon:Admin:Token")]
    [InlineData("Beacon:Cors:Origins:0", "localhost:3000", "Beacon:Cors:Origins:0")]
    [InlineData("Beacon:Cors:Origins:0", "http://localhost:3000/app", "Beacon:Cors:Origins:0")]
    [InlineData("Beacon:Cors:Origins:0", "http://localhost:3000/", "Beacon:Cors:Origins:0")]
    [InlineData("Beacon:Cors:Origins:0", "ftp://example.com", "Beacon:Cors:Origins:0")]
    [InlineData("Beacon:Upstream:Url", "beacon.langchain.com", "Beacon:Upstream:Url")]
    [InlineData("Beacon:Upstream:Url", "ftp://beacon.langchain.com", "Beacon:Upstream:Url")]
    [InlineData("Beacon:Upstream:Url", "https://beacon.langchain.com/?x=1", "Beacon:Upstream:Url")]
    [InlineData("Beacon:Upstream:Kinds:0", "verfiy", "Beacon:Upstream:Kinds:0")]
    [InlineData("Beacon:Upstream:TimeoutMs", "0", "Beacon:Upstream:TimeoutMs")]
    [InlineData("Beacon:Upstream:CaCertificatePath", "/nonexistent/ca.pem", "Beacon:Upstream:CaCertificatePath")]
    [InlineData("Beacon:Otlp:MaxItemsPerExport", "0", "Beacon:Otlp:MaxItemsPerExport")]
    [InlineData("Beacon:DataPlane:Secret", "too short", "Beacon:DataPlane:Secret")]
    public void Options_WithABadSetting_FailNamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Beacon:Licenses:0:", StringComparison.Ordinal) && !key.EndsWith(":Key", StringComparison.Ordinal))
            settings["Beacon:Licenses:0:Key"] = "lcl_configured";

        var error = Assert.ThrowsAny<Exception>(() => Resolve(settings));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Options_WithTwoLicensesOfTheSameKey_FailNamingTheSecond()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["Beacon:Licenses:0:Key"] = "lcl_same",
            ["Beacon:Licenses:1:Key"] = "lcl_same",
        }));

        Assert.Contains("Beacon:Licenses:1:Key", error.Message);
    }

    [Fact]
    public void Options_WithGoodSettings_Bind()
    {
        using var provider = Resolve(new Dictionary<string, string?>
        {
            ["Beacon:Token:LifetimeSeconds"] = "30",
            ["Beacon:Store:MaxCaptures"] = "5",
            ["Beacon:Licenses:0:Key"] = "lcl_configured",
            ["Beacon:Licenses:0:Status"] = "Revoked",
        });

        Assert.Equal(30, provider.GetRequiredService<IOptions<TokenOptions>>().Value.LifetimeSeconds);
        Assert.Equal(5, provider.GetRequiredService<IOptions<BeaconOptions>>().Value.Store.MaxCaptures);
        Assert.Equal("Revoked", Assert.Single(provider.GetRequiredService<IOptions<LicenseOptions>>().Value.Licenses).Status);
    }

    // The binder packs :0 and :2 of a list into positions 0 and 1; a message must still say :2, as configured.
    [Fact]
    public void Options_WithAGapInTheFaultList_NameTheRuleByItsConfiguredKey()
    {
        var error = Assert.ThrowsAny<Exception>(() => Resolve(new Dictionary<string, string?>
        {
            ["Beacon:Faults:0:Status"] = "503",
            ["Beacon:Faults:2:Status"] = "200",
        }));

        Assert.Contains("Beacon:Faults:2:Status must be between 400 and 599", error.Message);
        Assert.DoesNotContain("Beacon:Faults:1", error.Message);
    }

    [Fact]
    public void Options_WithAGapInTheLicenseList_NameTheLicenseByItsConfiguredKey()
    {
        var error = Assert.ThrowsAny<Exception>(() => Resolve(new Dictionary<string, string?>
        {
            ["Beacon:Licenses:0:Key"] = "lcl_first",
            ["Beacon:Licenses:5:Key"] = "lcl_sixth",
            ["Beacon:Licenses:5:OrgId"] = "not-a-uuid",
        }));

        Assert.Contains("Beacon:Licenses:5:OrgId must be a UUID", error.Message);
        Assert.DoesNotContain("Beacon:Licenses:1", error.Message);
    }

    /// <summary>Binds and validates every setting exactly as the server does at start.</summary>
    internal static ServiceProvider Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddBeaconMock();
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }
}
