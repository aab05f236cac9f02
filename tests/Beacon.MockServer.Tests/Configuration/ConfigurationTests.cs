using System.Diagnostics;
using Beacon.MockServer.Configuration;
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
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Beacon:Token:LifetimeSeconds"] = "30",
            ["Beacon:Store:MaxCaptures"] = "5",
            ["Beacon:Licenses:0:Key"] = "lcl_configured",
            ["Beacon:Licenses:0:Status"] = "Revoked",
        });

        Assert.Equal(30, options.Token.LifetimeSeconds);
        Assert.Equal(5, options.Store.MaxCaptures);
        Assert.Equal("Revoked", Assert.Single(options.Licenses).Status);
    }

    /// <summary>The real program, started with a bad setting, exits non-zero and names the key.</summary>
    [Fact]
    public async Task Server_WithABadSetting_StopsAtStartNamingTheKey()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Beacon.MockServer.dll"), "--urls", "http://127.0.0.1:0", "--Beacon:Token:LifetimeSeconds=-5" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Beacon:Token:LifetimeSeconds must be between 1 and 604800 (was -5)", await error);
        Assert.DoesNotContain("Now listening", await output);
    }

    /// <summary>Binds and validates the options exactly as the server registers them.</summary>
    internal static BeaconOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddBeaconMock();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<BeaconOptions>>().Value;
    }
}
