using Beacon.MockServer.Configuration;
using Beacon.MockServer.Tests.Infrastructure;
using Beacon.MockServer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Tests.Configuration;

/// <summary>
/// Every key under <c>Beacon</c> is read against the settings that exist, from any source: a misspelled key stops the
/// start naming it and the nearest valid key, and a value of the wrong type names the key, the value and what it
/// must be. Keys of other sections (Serilog, Kestrel) stay free.
/// </summary>
public sealed class StrictSettingsTests
{
    [Theory]
    [InlineData("Beacon:RequireKnownLicence", "true", "Beacon:RequireKnownLicence is not a setting (did you mean Beacon:RequireKnownLicense?).")]
    [InlineData("Beacon:Otpl:Strict", "true", "Beacon:Otpl:Strict is not a setting (did you mean Beacon:Otlp:Strict?).")]
    [InlineData("Beacon:Store:MaxCaptres", "5", "Beacon:Store:MaxCaptres is not a setting (did you mean Beacon:Store:MaxCaptures?).")]
    [InlineData("Beacon:Store:MaxTransaction", "5", "Beacon:Store:MaxTransaction is not a setting (did you mean Beacon:Store:MaxTransactions?).")]
    [InlineData("beacon:token:lifetimesecond", "60", "beacon:token:lifetimesecond is not a setting (did you mean beacon:token:LifetimeSeconds?).")]
    [InlineData("Beacon:Licenses:0:Statu", "revoked", "Beacon:Licenses:0:Statu is not a setting (did you mean Beacon:Licenses:0:Status?).")]
    [InlineData("Beacon:Faults:2:Match:Kinds", "verify", "Beacon:Faults:2:Match:Kinds is not a setting (did you mean Beacon:Faults:2:Match:Kind?).")]
    [InlineData("Beacon:Upstream:Kinds:first", "verify", "Beacon:Upstream:Kinds:first is not a setting (did you mean Beacon:Upstream:Kinds:0?).")]
    [InlineData("Beacon:Egress:MinLogSeverty", "17", "Beacon:Egress:MinLogSeverty is not a setting (did you mean Beacon:Egress:MinLogSeverity?).")]
    [InlineData("Beacon:Egress:Patterns:0:Regexp", "EMP-[0-9]+", "Beacon:Egress:Patterns:0:Regexp is not a setting (did you mean Beacon:Egress:Patterns:0:Regex?).")]
    [InlineData("Beacon:Zzz", "1", "Beacon:Zzz is not a setting.")]
    [InlineData("Beacon:Store:MaxCaptures", "many", "Beacon:Store:MaxCaptures must be an integer (was 'many').")]
    [InlineData("Beacon:Otlp:Strict", "yes", "Beacon:Otlp:Strict must be true or false (was 'yes').")]
    [InlineData("Beacon:Faults:0:Probability", "half", "Beacon:Faults:0:Probability must be a number (was 'half').")]
    [InlineData("Beacon:Store", "5", "Beacon:Store holds settings (MaxCaptures, MaxBytes, MaxTextPayloadBytes, MaxTransactions), not a value (was '5').")]
    public void AKeyOrValueThatIsNotASetting_IsNamed(string key, string value, string expected) =>
        Assert.Equal([expected], Check(new() { [key] = value }));

    [Fact]
    public void EveryDocumentedKind_OfKey_IsTaken()
    {
        var failures = Check(new()
        {
            ["Beacon:RequireKnownLicense"] = "true",
            ["Beacon:MaxBodyBytes"] = "65536",
            ["Beacon:Licenses:0:Key"] = "lcl_a",
            ["Beacon:Licenses:0:Claims:any.name"] = "25",
            ["Beacon:Licenses:3:OrgId"] = "6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10",
            ["Beacon:Faults:0:Body"] = """{"detail": "down"}""",
            ["Beacon:Faults:0:PartialSuccess:Rejected"] = "2",
            ["Beacon:Upstream:Kinds:0"] = "verify",
            ["beacon:store:maxcaptures"] = "10",
            ["Beacon:Store:MaxTransactions"] = "10",
            ["Beacon:Tls:CaCertificatePath"] = "/ca/ca.pem",
            ["Beacon:Token:Algorithm"] = "HS256",
            ["Beacon:Cors:Origins:0"] = "http://localhost:3000",
            ["Beacon:Egress:Enabled"] = "true",
            ["Beacon:Egress:Disabled:0"] = "logs",
            ["Beacon:Egress:MinLogSeverity"] = "17",
            ["Beacon:Egress:Patterns:0:Name"] = "employee-id",
            ["Beacon:Egress:Patterns:0:Regex"] = "EMP-[0-9]{6}",
            ["Beacon:Egress:MaxNamespaces"] = "10",
            ["Beacon:Egress:MaxEndpoints"] = "10",
            ["Beacon:Egress:MaxFieldPaths"] = "10",
            ["Beacon:Egress:MaxExamples"] = "1",
            ["Beacon:Egress:MaxEvidence"] = "1",
            ["Beacon:Egress:MaxKeys"] = "1",
            ["Beacon:Licenses"] = "",
            ["Serilog:Whatever:Goes"] = "here",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
        });

        Assert.Empty(failures);
    }

    [Fact]
    public void Environment_Variables_AreCheckedToo()
    {
        // Under a prefix of its own: the process's environment is shared by every test, and a host starting meanwhile
        // in another test reads unprefixed variables (a bare Beacon__... there stopped that host's start now and then).
        const string Prefix = "STRICT_SETTINGS_TEST_";
        const string Name = Prefix + "Beacon__RequireKnownLicence";
        Environment.SetEnvironmentVariable(Name, "true");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build();
            Assert.Contains("Beacon:RequireKnownLicence is not a setting (did you mean Beacon:RequireKnownLicense?).",
                SettingsCheck.Check(configuration, Sections()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Name, null);
        }
    }

    [Fact]
    public async Task TheServerProcess_StopsWithOneLine_ExitCode1_AndNoStackTrace()
    {
        await using var server = ServerProcess.Start(AppContext.BaseDirectory, "--urls", "http://127.0.0.1:0", "--Beacon:RequireKnownLicence=true");

        Assert.Equal(1, await server.WaitForExitAsync());

        Assert.Equal("Beacon.MockServer did not start: Beacon:RequireKnownLicence is not a setting (did you mean Beacon:RequireKnownLicense?).",
            Assert.Single(server.Error, l => l.Length > 0));
        Assert.DoesNotContain(server.Output.Concat(server.Error), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BeaconMock_StartAsync_ThrowsTheDocumentedException_WithTheSameText()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            BeaconMock.StartAsync(o => o.Settings["Beacon:Store:MaxCaptures"] = "many"));

        Assert.Equal("Beacon:Store:MaxCaptures must be an integer (was 'many').", error.Message);
    }

    /// <summary>The settings a real mock knows, read from its services.</summary>
    private static IReadOnlyList<SettingsSection> Sections()
    {
        using var app = new BeaconApplication();
        return [.. app.Services.GetServices<SettingsSection>()];
    }

    private static List<string> Check(Dictionary<string, string?> settings) =>
        SettingsCheck.Check(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Sections());
}
