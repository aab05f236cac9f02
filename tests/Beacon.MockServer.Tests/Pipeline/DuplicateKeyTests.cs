using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>
/// A body that names a key twice (<c>{"license":"A","license":"B"}</c>) means one thing: on the wire routes, the
/// last one, as common JSON parsers read it, for the capture, its filters, fault rules and the route's decision
/// alike, and a finding says so; on the mock's own API, nothing: it is refused, naming the key.
/// </summary>
public sealed class DuplicateKeyTests() : HostedTest(Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Beacon:Licenses:0:Key"] = Active,
        ["Beacon:Licenses:1:Key"] = Revoked,
        ["Beacon:Licenses:1:Status"] = "revoked",
    };

    private const string Active = "lcl_duplicate_active_0000";
    private const string Revoked = "lcl_duplicate_revoked_000";

    [Fact]
    public async Task Verify_WithTheLicenseTwice_DecidesOnTheLast_AndFilesTheCaptureUnderIt()
    {
        var response = await Client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{Active}}","license":"{{Revoked}}"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("revoked", (await response.ReadProblemAsync()).GetProperty("reason").GetString());
        var capture = Assert.Single(await Client.CapturesAsync($"?license={Revoked}"));
        Assert.Empty(await Client.CapturesAsync($"?license={Active}"));
        Assert.Equal("revoked", capture.GetProperty("details").GetProperty("refusal").GetString());
        var findings = capture.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("license", f.GetProperty("path").GetString()));
        Assert.Contains("the last one is read", findings[0].GetProperty("message").GetString());
        // The refusal is a finding too, at the field the license came from, in the answer's words.
        Assert.Equal("Answered 403: The license has been revoked.", findings[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task AFaultRuleForTheLastLicense_FiresForABodyThatNamesItSecond()
    {
        await Client.PostJsonAsync("/mock/faults", $$"""{"match": {"license": "{{Active}}"}, "status": 503}""");

        var faulted = await Client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{Revoked}}","license":"{{Active}}"}""");
        var passed = await Client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{Active}}","license":"{{Revoked}}"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, passed.StatusCode);
    }

    [Fact]
    public async Task UsageSnapshot_ItsOwnLicenseKeyOutranksAStrayLicense()
    {
        var body = Wire.Sample("usage-snapshot-request").Replace("<YOUR_LICENSE_KEY>", Revoked).TrimEnd().TrimEnd('}') + $", \"license\": \"{Active}\"}}";

        var response = await Client.PostJsonAsync("/v1/beacon/usage-snapshot", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Revoked, (await Client.LastCaptureAsync()).GetProperty("license").GetString());
    }

    [Fact]
    public async Task NestedDuplicates_AreEachReportedWhereTheyStand()
    {
        var ingest = Wire.Sample("ingest-traces-request").Replace("\"trace_count\"", "\"trace_count\": 9, \"trace_count\"");

        var response = await Client.PostJsonAsync("/v1/beacon/ingest-traces", ingest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await Client.LastCaptureAsync()).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString());
        Assert.Contains("trace_transactions[0].trace_count", paths);
    }

    [Fact]
    public async Task AnOtlpJsonExport_WithAKeyTwice_IsReadLastWins_AndReported()
    {
        var response = await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Logs,
            """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":9,"severityNumber":17}]}]}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(17, Assert.Single(await Client.ViewAsync("logs")).GetProperty("severityNumber").GetInt32());
        var finding = Assert.Single((await Client.LastCaptureAsync()).GetProperty("findings").EnumerateArray());
        Assert.Equal("resourceLogs[0].scopeLogs[0].logRecords[0].severityNumber", finding.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("/mock/faults", "POST", """{"status": 503, "status": 500}""", "status")]
    [InlineData("/mock/faults", "POST", """{"match": {"kind": "verify", "kind": "auth"}, "status": 503}""", "match.kind")]
    [InlineData("/mock/licenses/lcl_x_000000000000", "PUT", """{"status": "active", "status": "revoked"}""", "status")]
    [InlineData("/mock/licenses/lcl_x_000000000000", "PUT", """{"status": "active", "claims": {"plan": "a", "plan": "b"}}""", "claims.plan")]
    public async Task AMockBody_WithAKeyTwice_IsRefused400NamingIt_AndChangesNothing(string path, string method, string body, string field)
    {
        var response = await Client.SendAsync(Wire.Request(new HttpMethod(method), path, body, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ReadErrorFieldsAsync());
        Assert.Equal(0, (await Client.GetFromJsonAsync<JsonElement>("/mock/faults")).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/mock/licenses/lcl_x_000000000000")).StatusCode);
    }
}
