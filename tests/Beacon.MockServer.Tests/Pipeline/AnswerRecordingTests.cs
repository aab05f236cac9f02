using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>
/// Every capture keeps what the mock answered (status, the headers a client acts on, the body, how long it took),
/// and every refusal is a finding in the answer's words: when a test fails, the capture says why.
/// </summary>
public sealed class AnswerRecordingTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:Licenses:0:Key"] = "lcl_gone_000000000000", ["Beacon:Licenses:0:Status"] = "revoked" })
{
    [Fact]
    public async Task ARefusal_KeepsItsProblem_AndAFindingPerField_InTheProblemsWords()
    {
        var transaction = JsonSerializer.Deserialize<Dictionary<string, object>>(Wire.Sample("ingest-traces-request"))!;
        var body = Wire.Sample("ingest-traces-request").Replace("\"tenant_id\": \"", "\"tenant_id\": \"not-a-uuid-", StringComparison.Ordinal);
        var response = await Client.PostJsonAsync("/v1/beacon/ingest-traces", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var capture = await Client.LastCaptureAsync();
        var error = problem.GetProperty("errors").GetProperty("trace_transactions[0].tenant_id")[0].GetString();
        Assert.Contains("is not a UUID", error);
        Assert.Contains(capture.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("path").GetString() == "trace_transactions[0].tenant_id" && f.GetProperty("message").GetString() == error);
        var answer = capture.GetProperty("response");
        Assert.Equal(400, answer.GetProperty("status").GetInt32());
        Assert.Equal("application/problem+json", answer.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal(error, answer.GetProperty("body").GetProperty("errors").GetProperty("trace_transactions[0].tenant_id")[0].GetString());
        Assert.NotNull(transaction);
    }

    [Fact]
    public async Task AMisspelledField_SaysTheRealOneIsRequired()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"licence": "lcl_x"}""");

        var findings = (await Client.LastCaptureAsync()).GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("path").GetString(), f.GetProperty("message").GetString())).ToList();
        Assert.Contains(("licence", "unknown property; accepted and ignored"), findings);
        Assert.Contains(("license", "is required and must be a non-empty string"), findings);
    }

    [Theory]
    [InlineData("/v1/beacon/verify", """{"license": "lcl_gone_000000000000"}""", "license", "Answered 403: The license has been revoked.")]
    [InlineData("/v1/beacon/usage-snapshot", """{"license_key": "lcl_gone_000000000000", "from_timestamp": "2026-01-06T09:00:00Z", "to_timestamp": "2026-01-06T10:00:00Z", "measures": {}}""", "license_key", "Answered 403: The license has been revoked.")]
    public async Task ARefusedLicense_IsAFinding_AtTheFieldItCameFrom(string path, string body, string field, string message)
    {
        await Client.PostJsonAsync(path, body);

        Assert.Contains((await Client.LastCaptureAsync()).GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("path").GetString() == field && f.GetProperty("message").GetString() == message);
    }

    [Fact]
    public async Task AMissingApiKey_IsAFinding_AtItsHeader()
    {
        await Client.GetAsync("/auth?langgraph-api=true");

        var finding = Assert.Single((await Client.LastCaptureAsync()).GetProperty("findings").EnumerateArray());
        Assert.Equal(("X-Api-Key", "Answered 401: Send the API key in the X-Api-Key header."),
            (finding.GetProperty("path").GetString(), finding.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task AVerify_KeepsTheTokenItGot_AndHowLongItTook()
    {
        var response = await Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lcl_answer_000000000"}""");
        var token = (await response.ReadJsonAsync()).GetProperty("token").GetString();

        var answer = (await Client.LastCaptureAsync()).GetProperty("response");

        Assert.Equal(token, answer.GetProperty("body").GetProperty("token").GetString());
        Assert.Equal(0, answer.GetProperty("durationMs").GetDouble()); // the fake clock did not move
    }

    [Fact]
    public async Task AFault_KeepsItsBody_ItsRetryAfter_AndItsDelay()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 503, "retryAfter": 30, "body": {"detail": "down"}}""");

        await Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lcl_answer_000000000"}""");

        var answer = (await Client.LastCaptureAsync()).GetProperty("response");
        Assert.Equal(503, answer.GetProperty("status").GetInt32());
        Assert.Equal("30", answer.GetProperty("headers").GetProperty("Retry-After").GetString());
        Assert.Equal("down", answer.GetProperty("body").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AProtobufPartialSuccess_IsKeptAsItsJson()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "traces"}, "partialSuccess": {"rejected": 2, "message": "two dropped"}}""");

        var response = await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await Client.LastCaptureAsync()).GetProperty("response").GetProperty("body");
        Assert.Equal("2", body.GetProperty("partialSuccess").GetProperty("rejectedSpans").GetRawText().Trim('"'));
        Assert.Equal("two dropped", body.GetProperty("partialSuccess").GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task TheAnswer_IsRecordedBeforeTheClientHasIt()
    {
        for (var i = 0; i < 50; i++)
        {
            var response = await Client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "lcl_race_{{i:D12}}"}""");
            var sent = await response.Content.ReadAsStringAsync();

            var store = App.Store();
            var capture = store.Find(store.Stats.LastSequence)!;
            Assert.Equal((int)response.StatusCode, capture.Response?.Status);
            Assert.Equal(sent, capture.Response?.Body?.ToString());
        }
    }
}
