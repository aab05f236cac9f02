using System.Net;
using System.Text;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Tests.Features.DataPlane;

/// <summary>
/// <c>X-Data-Plane-Auth</c> with <c>Beacon:DataPlane:Secret</c> set: a token signed with the secret, alive and
/// carrying data_plane_id, organization_id and purpose passes; any other is refused with 401 in the route's own
/// shape, before the route or a fault rule sees it, and the capture says why. Without the secret, it is recorded only.
/// </summary>
public sealed class DataPlaneAuthTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:DataPlane:Secret"] = Secret })
{
    private const string Secret = "a data plane secret of at least thirty-two bytes";

    [Fact]
    public async Task AValidToken_Passes_AndTheCaptureSaysItWasChecked()
    {
        var response = await PostLogsAsync(Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var findings = (await Client.LastCaptureAsync()).GetProperty("findings").EnumerateArray();
        Assert.Contains(findings, f => f.GetProperty("path").GetString() == "X-Data-Plane-Auth" && f.GetProperty("message").GetString()!.StartsWith("a valid", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "not-a-jwt", "is not a well-formed JWT" },
        { Token(secret: "another secret, also thirty-two bytes or more"), "is not signed with Beacon:DataPlane:Secret" },
        { Token(claims: new() { ["data_plane_id"] = "dp-1", ["organization_id"] = "org-1" }), "lacks purpose" },
        { Token(claims: new() { ["data_plane_id"] = "", ["organization_id"] = "org-1", ["purpose"] = "telemetry" }), "lacks data_plane_id" },
        { Token(expires: BeaconApplication.Start.AddMinutes(-1)), "has expired" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadToken_Is401InTheOtlpShape_AndTheCaptureSaysWhy(string token, string why)
    {
        var response = await PostLogsAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = await response.ReadStatusAsync(Infrastructure.Otlp.Json);
        Assert.Equal(16, status.Code);
        Assert.Contains(why, status.Message);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(401, capture.GetProperty("status").GetInt32());
        Assert.Contains(capture.GetProperty("findings").EnumerateArray(), f => f.GetProperty("message").GetString()!.Contains(why));
    }

    [Fact]
    public async Task ABadToken_OnABeaconJsonRoute_Is401AsAProblem_BeforeAFaultRule()
    {
        await Client.PostJsonAsync("/mock/faults", """{"status": 503}""");
        var request = Wire.Request(HttpMethod.Post, "/v1/beacon/verify", """{"license": "lcl_data_plane_0000"}""", "application/json");
        request.Headers.Add("X-Data-Plane-Auth", "not-a-jwt");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Data-Plane-Auth", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WithoutTheSecret_AnyTokenIsRecordedNotChecked()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();
        var request = new HttpRequestMessage(HttpMethod.Post, Infrastructure.Otlp.Logs) { Content = Wire.Json("{}") };
        request.Headers.Add("X-Data-Plane-Auth", "not-a-jwt");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("not-a-jwt", (await client.LastCaptureAsync()).GetProperty("headers").GetProperty("X-Data-Plane-Auth").GetString());
    }

    [Fact]
    public async Task TheTokenNeverAppearsWholeInTheLogs()
    {
        var token = Token(secret: "another secret, also thirty-two bytes or more");

        await PostLogsAsync(token);

        Assert.DoesNotContain(App.Logs.Lines(), l => l.Contains(token, StringComparison.Ordinal));
        Assert.Contains(App.Logs.Lines(), l => l.Contains("Data plane token", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostLogsAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Infrastructure.Otlp.Logs) { Content = Wire.Json("{}") };
        request.Headers.Add("X-Data-Plane-Auth", token);
        return Client.SendAsync(request);
    }

    private static string Token(string secret = Secret, Dictionary<string, object>? claims = null, DateTimeOffset? expires = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims ?? new Dictionary<string, object> { ["data_plane_id"] = "dp-1", ["organization_id"] = "org-1", ["purpose"] = "telemetry" },
            Expires = (expires ?? BeaconApplication.Start.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
}
