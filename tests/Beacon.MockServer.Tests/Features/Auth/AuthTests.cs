using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Auth;

/// <summary>LangSmith's API-key check, as the LangGraph server calls it.</summary>
public sealed class AuthTests
{
    [Theory]
    [InlineData("GET", "/auth?langgraph-api=true")]
    [InlineData("POST", "/auth")]
    public async Task Auth_WithAnApiKey_AnswersItsOrganization(string method, string path)
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();

        var first = await SendAsync(client, method, path, "lsv2_pt_key_one");
        var again = await SendAsync(client, method, path, "lsv2_pt_key_one");
        var other = await SendAsync(client, method, path, "lsv2_pt_key_two");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var orgId = OrgId(await first.ReadJsonAsync());
        Assert.True(Guid.TryParse(orgId, out _));
        Assert.Equal(orgId, OrgId(await again.ReadJsonAsync()));
        Assert.NotEqual(orgId, OrgId(await other.ReadJsonAsync()));
        var capture = await client.LastCaptureAsync();
        Assert.Equal("auth", capture.GetProperty("kind").GetString());
        Assert.Equal("lsv2_pt_key_two", capture.GetProperty("license").GetString());
    }

    [Fact]
    public async Task Auth_ConfiguredKey_AnswersItsConfiguredOrganization()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Licenses:0:Key"] = "lsv2_pt_configured",
            ["Beacon:Licenses:0:OrgId"] = "5f0ad7d4-6f1e-4c4b-9f0f-3c2b1a0e9d8c",
        });

        var response = await SendAsync(app.CreateBeaconClient(), "GET", "/auth", "lsv2_pt_configured");

        Assert.Equal("5f0ad7d4-6f1e-4c4b-9f0f-3c2b1a0e9d8c", OrgId(await response.ReadJsonAsync()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Auth_WithoutAnApiKey_Returns401Problem(string? key)
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();

        var response = await SendAsync(client, "GET", "/auth", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Api-Key", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(401, (await client.LastCaptureAsync()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("lsv2_pt_unknown", "true", "is not known")]
    [InlineData("lsv2_pt_revoked", "false", "has been revoked")]
    public async Task Auth_RefusedKey_Returns403(string key, string strict, string why)
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:RequireKnownLicense"] = strict,
            ["Beacon:Licenses:0:Key"] = "lsv2_pt_revoked",
            ["Beacon:Licenses:0:Status"] = "revoked",
        });

        var response = await SendAsync(app.CreateBeaconClient(), "GET", "/auth", key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(why, (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }

    private static string? OrgId(JsonElement body) => body.GetProperty("org_config").GetProperty("org_id").GetString();
}
