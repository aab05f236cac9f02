using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.License;

/// <summary>Which licenses are accepted: any by default, configured statuses always, unknown ones refused in strict mode.</summary>
public sealed class LicensePolicyTests
{
    private static Dictionary<string, string?> Licenses(bool strict) => new()
    {
        ["Beacon:RequireKnownLicense"] = strict ? "true" : "false",
        ["Beacon:Licenses:0:Key"] = "lcl_active_000000000000",
        ["Beacon:Licenses:1:Key"] = "lcl_expired_00000000000",
        ["Beacon:Licenses:1:Status"] = "expired",
        ["Beacon:Licenses:2:Key"] = "lcl_revoked_00000000000",
        ["Beacon:Licenses:2:Status"] = "revoked",
    };

    [Fact]
    public async Task Verify_AnyNonEmptyLicense_IsAcceptedByDefault()
    {
        using var app = new BeaconApplication();
        var response = await app.CreateBeaconClient().PostJsonAsync("/v1/beacon/verify", """{"license":"anything at all"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("lcl_unknown_0000000000", "unknown", "is not known")]
    [InlineData("lcl_expired_00000000000", "expired", "has expired")]
    [InlineData("lcl_revoked_00000000000", "revoked", "has been revoked")]
    public async Task Verify_RefusedLicenseInStrictMode_Returns403SayingWhy(string license, string refusal, string why)
    {
        using var app = new BeaconApplication(Licenses(strict: true));
        var client = app.CreateBeaconClient();

        var response = await client.PostJsonAsync("/v1/beacon/verify", JsonSerializer.Serialize(new { license }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains(why, problem.GetProperty("detail").GetString());
        Assert.Equal(refusal, problem.GetProperty("reason").GetString());
        var capture = await client.LastCaptureAsync();
        Assert.Equal(403, capture.GetProperty("status").GetInt32());
        Assert.Equal(refusal, capture.GetProperty("details").GetProperty("refusal").GetString());
    }

    [Theory]
    [InlineData("lcl_expired_00000000000")]
    [InlineData("lcl_revoked_00000000000")]
    public async Task Verify_ConfiguredStatusApplies_EvenWhenUnknownLicensesAreAllowed(string license)
    {
        using var app = new BeaconApplication(Licenses(strict: false));

        var response = await app.CreateBeaconClient().PostJsonAsync("/v1/beacon/verify", JsonSerializer.Serialize(new { license }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Verify_ActiveConfiguredLicenseInStrictMode_IsAccepted()
    {
        using var app = new BeaconApplication(Licenses(strict: true));

        var response = await app.CreateBeaconClient().PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_active_000000000000"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/beacon/ingest-traces", "ingest-traces-request", "license")]
    [InlineData("/v1/beacon/usage-snapshot", "usage-snapshot-request", "license_key")]
    [InlineData("/v1/metadata/submit", "metadata-submit-request", "license_key")]
    public async Task Reports_WithARevokedLicense_AreRefusedWith403(string route, string sample, string field)
    {
        using var app = new BeaconApplication(Licenses(strict: false));
        var body = System.Text.Json.Nodes.JsonNode.Parse(Wire.Sample(sample))!;
        body[field] = "lcl_revoked_00000000000";

        var response = await app.CreateBeaconClient().PostJsonAsync(route, body.ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("revoked", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Licenses_ListsConfiguredAndSeenKeysWithCounters()
    {
        using var app = new BeaconApplication(Licenses(strict: true));
        var client = app.CreateBeaconClient();
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_active_000000000000"}""");
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_active_000000000000"}""");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_unknown_0000000000"}""");

        var licenses = (await client.GetFromJsonAsync<JsonElement>("/mock/licenses")).GetProperty("items").EnumerateArray()
            .ToDictionary(l => l.GetProperty("key").GetString()!);

        Assert.Equal(4, licenses.Count);
        var active = licenses["lcl_active_000000000000"];
        Assert.True(active.GetProperty("configured").GetBoolean());
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal(2, active.GetProperty("verifyCalls").GetInt32());
        Assert.Equal(2, active.GetProperty("tokensIssued").GetInt32());
        Assert.Equal(BeaconApplication.Start, active.GetProperty("lastSeen").GetDateTimeOffset());
        var unknown = licenses["lcl_unknown_0000000000"];
        Assert.False(unknown.GetProperty("configured").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("status").ValueKind);
        Assert.Equal(1, unknown.GetProperty("verifyCalls").GetInt32());
        Assert.Equal(0, unknown.GetProperty("tokensIssued").GetInt32());
        Assert.Equal(BeaconApplication.Start.AddMinutes(1), unknown.GetProperty("lastSeen").GetDateTimeOffset());
        Assert.Equal("revoked", licenses["lcl_revoked_00000000000"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, licenses["lcl_revoked_00000000000"].GetProperty("lastSeen").ValueKind);
    }
}
