using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>Each promise, broken one way at a time over HTTP, and what the report says of it.</summary>
public sealed class EgressPromiseTests : HostedTest
{
    [Fact]
    public async Task AnUndocumentedBranch_IsReportedOnceAtItsTop_AndInventoriedWhole()
    {
        var sequence = await EgressTraffic.PostAsync(Client, "/v1/beacon/ingest-traces", EgressTraffic.Changed("ingest-traces-request",
            json => json["trace_transactions"]![0]!["extra"] = JsonSerializer.SerializeToNode(new { a = 1, b = new { c = "x" } })));

        var report = await ReportAsync();

        var promise = Promise(report, "documented-fields");
        Assert.Equal("fail", promise.GetProperty("verdict").GetString());
        Assert.Equal(1, promise.GetProperty("violations").GetInt64());
        var evidence = Assert.Single(promise.GetProperty("evidence").EnumerateArray());
        Assert.Equal(sequence, evidence.GetProperty("sequence").GetInt64());
        Assert.Equal("trace_transactions[0].extra", evidence.GetProperty("path").GetString());
        var undocumented = Fields(report).Where(f => !f.GetProperty("documented").GetBoolean()).Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Equal(["trace_transactions[].extra", "trace_transactions[].extra.a", "trace_transactions[].extra.b", "trace_transactions[].extra.b.c"], undocumented);
    }

    [Theory]
    [InlineData("-3", "the number -3")]
    [InlineData("1.5", "the number 1.5")]
    [InlineData("1e3", "the number 1e3")]
    [InlineData("\"63\"", "a string")]
    [InlineData("{\"active\": 3}", "an object")]
    public async Task AMeasureThatIsNotANonNegativeInteger_BreaksUsageCountsOnly(string users, string described)
    {
        // The route refuses it (400), and it was sent all the same: the audit judges what left the deployment.
        var sequence = await EgressTraffic.PostAsync(Client, "/v1/beacon/usage-snapshot",
            Wire.Sample("usage-snapshot-request").Replace("\"users\": 63", $"\"users\": {users}", StringComparison.Ordinal));

        var promise = Promise(await ReportAsync(), "usage-counts-only");

        Assert.Equal("fail", promise.GetProperty("verdict").GetString());
        var evidence = Assert.Single(promise.GetProperty("evidence").EnumerateArray());
        Assert.Equal((sequence, "measures.users"), (evidence.GetProperty("sequence").GetInt64(), evidence.GetProperty("path").GetString()));
        Assert.Equal($"measures.users is {described}, not a non-negative integer.", evidence.GetProperty("message").GetString());
    }

    [Fact]
    public async Task WithTheThresholdAtError_AWarningBreaksTheLogPromise_AndARecordWithoutSeverityToo()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Egress:MinLogSeverity"] = "17" });
        using var client = app.CreateBeaconClient();
        await EgressTraffic.PostAsync(client, "/v1/beacon/v1/logs", Wire.Sample("otlp-logs-request"));
        await EgressTraffic.PostAsync(client, "/v1/beacon/v1/logs", """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"no level"}}]}]}]}""");

        var promise = Promise(await ReportAsync(client), "logs-warning-or-above");

        Assert.Equal(2, promise.GetProperty("violations").GetInt64());
        var values = promise.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("value").GetString()).ToList();
        Assert.Equal(["13 (WARN)", "0 (UNSPECIFIED)"], values);
        Assert.Contains("17", promise.GetProperty("note").GetString());
        Assert.Contains("filtered to only include error severity levels", promise.GetProperty("note").GetString());
    }

    [Fact]
    public async Task AKindDeclaredSwitchedOff_BreaksOptOutsHonoured_WhenItArrives()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Egress:Disabled:0"] = "logs", ["Beacon:Egress:Disabled:1"] = "traces" });
        using var client = app.CreateBeaconClient();
        await EgressTraffic.PostAsync(client, "/v1/beacon/v1/metrics", Wire.Sample("otlp-metrics-request"));
        Assert.Equal("pass", Promise(await ReportAsync(client), "opt-outs-honoured").GetProperty("verdict").GetString());

        var sequence = await EgressTraffic.PostAsync(client, "/v1/beacon/v1/logs", Wire.Sample("otlp-logs-request"));
        var promise = Promise(await ReportAsync(client), "opt-outs-honoured");

        Assert.Equal("fail", promise.GetProperty("verdict").GetString());
        var evidence = Assert.Single(promise.GetProperty("evidence").EnumerateArray());
        Assert.Equal((sequence, "$", "logs"), (evidence.GetProperty("sequence").GetInt64(), evidence.GetProperty("path").GetString(), evidence.GetProperty("value").GetString()));
    }

    [Theory]
    [InlineData("span name", "+1 415 555 2671", "a phone number")]
    [InlineData("attribute", "10.1.2.3", "an IP address")]
    [InlineData("attribute", "4111 1111 1111 1111", "a payment card number")]
    [InlineData("attribute", "Bearer abcdefghijklmnopqrstuvwxyz012345", "a bearer token")]
    [InlineData("attribute", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl", "a JWT")]
    [InlineData("attribute", "sk-proj-abcdefghijklmnopqrstuvwxyz", "an API key (OpenAI)")]
    public async Task PersonalDataInAnExport_BreaksNoPersonalData_Masked(string where, string value, string what)
    {
        var json = where == "span name" ? EgressTraffic.Span(value) : EgressTraffic.Span("receive_request", "endpoint", value);
        await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/traces", json);

        var promise = Promise(await ReportAsync(), "no-personal-data");

        var evidence = Assert.Single(promise.GetProperty("evidence").EnumerateArray());
        Assert.Equal(where == "span name" ? "resourceSpans[0].scopeSpans[0].spans[0].name" : "resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.stringValue",
            evidence.GetProperty("path").GetString());
        Assert.Contains(what, evidence.GetProperty("message").GetString());
        Assert.DoesNotContain(value, await Client.GetStringAsync("/mock/egress"));
    }

    [Fact]
    public async Task PersonalDataInAHeaderOrTheQuery_IsFound_ButNotInTheCredentialHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beacon/v1/traces?user=jane.doe@example.com") { Content = Wire.Json(Wire.Sample("otlp-traces-request")) };
        request.Headers.UserAgent.ParseAdd("deployer/1.0 (ops@example.org)");
        request.Headers.Add("X-Langchain-License-Key", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl");
        await Client.SendAsync(request);

        var evidence = Promise(await ReportAsync(), "no-personal-data").GetProperty("evidence").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("value").GetString())).ToList();

        Assert.Equal([("(query)", "j***@e***.com"), ("User-Agent", "o***@e***.org")], evidence.Order());
    }

    [Fact]
    public async Task AKeySentAsACredential_FoundInASpanName_ThePathOrTheQuery_BreaksLicenseKeyConfined()
    {
        await EgressTraffic.PostAsync(Client, "/v1/beacon/verify", $$"""{"license": "{{EgressTraffic.License}}"}""");
        await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/traces", EgressTraffic.Span($"check {EgressTraffic.License}"));
        await Client.PostAsync($"/v1/beacon/v1/traces?license={EgressTraffic.License}", Wire.Json(Wire.Sample("otlp-traces-request")));

        var promise = Promise(await ReportAsync(), "license-key-confined");

        Assert.Equal(2, promise.GetProperty("violations").GetInt64());
        Assert.Equal(["(query)", "resourceSpans[0].scopeSpans[0].spans[0].name"],
            promise.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order());
        Assert.DoesNotContain(EgressTraffic.License, await Client.GetStringAsync("/mock/egress"));
    }

    [Fact]
    public async Task AQueryAndAHeaderFoundCleanBefore_AreSearchedAgain_OnceAKeyTheyHoldIsKnown()
    {
        // The same query and User-Agent twice: clean the first time (no key known yet), remembered as clean; once verify
        // has made the key known, the second time they hold a key and must be found, not skipped as clean.
        async Task SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/beacon/v1/traces?tag={EgressTraffic.License}") { Content = Wire.Json(Wire.Sample("otlp-traces-request")) };
            request.Headers.UserAgent.ParseAdd($"deployer/{EgressTraffic.License}");
            await Client.SendAsync(request);
        }
        await SendAsync();
        Assert.Equal(0, Promise(await ReportAsync(), "license-key-confined").GetProperty("violations").GetInt64());

        await EgressTraffic.PostAsync(Client, "/v1/beacon/verify", $$"""{"license": "{{EgressTraffic.License}}"}""");
        await SendAsync();

        var promise = Promise(await ReportAsync(), "license-key-confined");
        Assert.Equal("fail", promise.GetProperty("verdict").GetString());
        Assert.Equal(["(query)", "User-Agent"], promise.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order());
    }

    [Fact]
    public async Task AnExportCarryingItsOwnKeyInTheHeader_AndInABody_IsCaughtOnItsFirstRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beacon/v1/logs") { Content = Wire.Json(EgressTraffic.Log(17, $"license {EgressTraffic.License} refused")) };
        request.Headers.Add("X-Langchain-License-Key", EgressTraffic.License);
        await Client.SendAsync(request);

        var promise = Promise(await ReportAsync(), "license-key-confined");

        Assert.Equal("fail", promise.GetProperty("verdict").GetString());
        Assert.Equal("resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue", Assert.Single(promise.GetProperty("evidence").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task NothingSent_LeavesEveryPromiseNotApplicable_SayingWhy()
    {
        var report = await ReportAsync();

        Assert.All(report.GetProperty("promises").EnumerateArray(), p =>
        {
            Assert.Equal("not-applicable", p.GetProperty("verdict").GetString());
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("summary").GetString()));
        });
        Assert.Equal(0, report.GetProperty("captures").GetInt64());
        Assert.NotEmpty(report.GetProperty("unverifiable").EnumerateArray());
    }

    [Fact]
    public async Task TheAudit_Off_AuditsNothing_AndAddsNoFinding()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Egress:Enabled"] = "false" });
        using var client = app.CreateBeaconClient();
        await EgressTraffic.PostAsync(client, "/v1/beacon/v1/logs", EgressTraffic.Log(9, EgressTraffic.Email));

        var report = await ReportAsync(client);

        Assert.False(report.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, report.GetProperty("captures").GetInt64());
        Assert.Empty((await client.LastCaptureAsync()).GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("/mock/egress?format=xml", "format")]
    [InlineData("/mock/egress?namespce=t1", "namespce")]
    [InlineData("/mock/egress?namespace=no/slash", "namespace")]
    [InlineData("/mock/egress/baseline?format=json", "format")]
    public async Task AQueryTheRouteDoesNotTake_IsA400NamingIt(string url, string parameter)
    {
        var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], await response.ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData("{}", "endpoints")]
    [InlineData("""{"endpoints": [], "fields": [{"kind": "verify", "path": "", "category": "field", "types": []}]}""", "fields[0].path")]
    [InlineData("""{"endpoints": [null], "fields": []}""", "endpoints[0]")]
    [InlineData("""{"endpoints": "all", "fields": []}""", "endpoints")]
    [InlineData("[1, 2", "$")]
    public async Task ABaselineThatIsNotOne_IsA400NamingTheField(string body, string field)
    {
        var response = await Client.PostJsonAsync("/mock/egress/compare", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ReadErrorFieldsAsync());
    }

    internal static async Task<JsonElement> ReportAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/mock/egress{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    internal static JsonElement Promise(JsonElement report, string id) =>
        report.GetProperty("promises").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);

    internal static IEnumerable<JsonElement> Fields(JsonElement report) => report.GetProperty("fields").EnumerateArray();

    private Task<JsonElement> ReportAsync() => ReportAsync(Client);
}
