using System.Text.Json.Nodes;
using Beacon.MockServer.Client;

namespace Beacon.MockServer.Tests.Client;

/// <summary>What the typed configuration writes: the documented keys, as appsettings.json would hold them.</summary>
public sealed class SettingsTests
{
    [Fact]
    public void Licenses_AreListItemsAfterAnySetByKey_WithTheirStatusAndClaimsAsText()
    {
        var settings = new BeaconMockSettings();
        settings.Settings["Beacon:Licenses:0:Key"] = "lcl_by_key";

        settings.RequireKnownLicense()
            .AddLicense("lcl_revoked", LicenseStatus.Revoked, id: "customer-1", orgId: Guid.Parse("6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10"),
                claims: new Dictionary<string, object> { ["users"] = 25, ["lgp_enabled"] = true, ["ratio"] = 0.5, ["plan"] = "team" });

        Assert.Equal(new Dictionary<string, string?>
        {
            ["Beacon:Licenses:0:Key"] = "lcl_by_key",
            ["Beacon:RequireKnownLicense"] = "true",
            ["Beacon:Licenses:1:Key"] = "lcl_revoked",
            ["Beacon:Licenses:1:Status"] = "revoked",
            ["Beacon:Licenses:1:Id"] = "customer-1",
            ["Beacon:Licenses:1:OrgId"] = "6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10",
            ["Beacon:Licenses:1:Claims:users"] = "25",
            ["Beacon:Licenses:1:Claims:lgp_enabled"] = "true",
            ["Beacon:Licenses:1:Claims:ratio"] = "0.5",
            ["Beacon:Licenses:1:Claims:plan"] = "team",
        }, settings.Settings);
    }

    [Fact]
    public void Faults_WriteEveryFieldGiven_InTheConfigurationsNames()
    {
        var settings = new BeaconMockSettings()
            .AddFault(new() { Match = new() { Kind = CaptureKind.IngestTraces, Namespace = "t1" }, Status = 503, RetryAfter = 7, Body = JsonNode.Parse("""{"detail": "down"}"""), Times = 2 })
            .AddFault(new() { Match = new() { Kind = CaptureKind.Logs, License = "lcl_x", Path = "/v1/beacon/v1/logs" }, PartialSuccess = new() { Rejected = 1, Message = "one" }, Probability = 0.25, Seed = 42, DelayMs = 10 });

        Assert.Equal(new Dictionary<string, string?>
        {
            ["Beacon:Faults:0:Match:Kind"] = "ingest-traces",
            ["Beacon:Faults:0:Match:Namespace"] = "t1",
            ["Beacon:Faults:0:Status"] = "503",
            ["Beacon:Faults:0:Body"] = """{"detail":"down"}""",
            ["Beacon:Faults:0:RetryAfter"] = "7",
            ["Beacon:Faults:0:Times"] = "2",
            ["Beacon:Faults:1:Match:Kind"] = "logs",
            ["Beacon:Faults:1:Match:License"] = "lcl_x",
            ["Beacon:Faults:1:Match:Path"] = "/v1/beacon/v1/logs",
            ["Beacon:Faults:1:DelayMs"] = "10",
            ["Beacon:Faults:1:PartialSuccess:Rejected"] = "1",
            ["Beacon:Faults:1:PartialSuccess:Message"] = "one",
            ["Beacon:Faults:1:Probability"] = "0.25",
            ["Beacon:Faults:1:Seed"] = "42",
        }, settings.Settings);
    }

    [Fact]
    public void TokensUpstreamOtlpAndAdmin_WriteTheirKeys()
    {
        var settings = new BeaconMockSettings()
            .WithTokenLifetime(TimeSpan.FromMinutes(2))
            .WithHs256Tokens("a-shared-secret-of-at-least-32-bytes!")
            .WithUpstream(new Uri("https://beacon.example"), CaptureKind.Verify, CaptureKind.Unmatched)
            .WithStrictOtlp()
            .WithAdminToken("admin-token-1");

        Assert.Equal(new Dictionary<string, string?>
        {
            ["Beacon:Token:LifetimeSeconds"] = "120",
            ["Beacon:Token:Algorithm"] = "HS256",
            ["Beacon:Token:HmacSecret"] = "a-shared-secret-of-at-least-32-bytes!",
            ["Beacon:Upstream:Url"] = "https://beacon.example/",
            ["Beacon:Upstream:Kinds:0"] = "verify",
            ["Beacon:Upstream:Kinds:1"] = "unmatched",
            ["Beacon:Otlp:Strict"] = "true",
            ["Beacon:Admin:Token"] = "admin-token-1",
        }, settings.Settings);
        Assert.Equal("admin-token-1", settings.AdminToken);
    }

    [Fact]
    public void WithUpstream_AgainReplacesItsKinds()
    {
        var settings = new BeaconMockSettings()
            .WithUpstream(new Uri("http://a.example"), CaptureKind.Verify, CaptureKind.Auth)
            .WithUpstream(new Uri("http://b.example"));

        Assert.Equal(new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = "http://b.example/" }, settings.Settings);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(604801)]
    public void WithTokenLifetime_RefusesWhatTheMockWouldRefuse(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BeaconMockSettings().WithTokenLifetime(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void MistakesTheMockCouldNotRead_AreRefusedAtOnce()
    {
        var settings = new BeaconMockSettings();

        Assert.Throws<ArgumentException>(() => settings.WithUpstream(new Uri("ftp://beacon.example")));
        Assert.Throws<ArgumentException>(() => settings.AddLicense("lcl_x", claims: new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch }));
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.AddFault(new() { Match = new() { Kind = CaptureKind.Unknown }, Status = 503 }));
    }
}
