using System.Net;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>
/// A fault answers in the route's own error shape: problem details (or the rule's body) on the Beacon JSON
/// routes, a google.rpc.Status in the request's encoding on OTLP; and the capture says which rule answered.
/// </summary>
public sealed class FaultAnswerTests : HostedTest
{
    [Fact]
    public async Task Verify_AFaultWithRetryAfter_Answers503ProblemNamingTheRule()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 503, "retryAfter": 7}""");

        var response = await Client.VerifyAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("Answered by a fault rule.", problem.GetProperty("title").GetString());
        Assert.Contains("Fault rule 1", problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Verify_AFaultWithABody_AnswersTheBodyVerbatim()
    {
        const string Body = """{"detail":"license server down","code":"BEACON_DOWN","retry":[1,2]}""";
        await Client.AddFaultAsync($$"""{"match": {"kind": "verify"}, "status": 500, "body": {{Body}}}""");

        var response = await Client.VerifyAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Body, await response.Content.ReadAsStringAsync());
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Capture_OfAFaultedRequest_HasTheRulesIdAndTheAnsweredStatus()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 429, "times": 1}""");

        await Client.VerifyAsync();
        await Client.VerifyAsync();

        var captures = await Client.CapturesAsync("?kind=verify");
        Assert.Equal([(1L, 429), (null, 200)], captures.Select(c => (c.FaultId(), c.GetProperty("status").GetInt32())));
        Assert.Equal("lcl_faults", captures[0].GetProperty("license").GetString());
    }

    [Theory]
    [InlineData(429, 8, Infrastructure.Otlp.Protobuf)] // RESOURCE_EXHAUSTED
    [InlineData(429, 8, Infrastructure.Otlp.Json)]
    [InlineData(503, 14, Infrastructure.Otlp.Protobuf)] // UNAVAILABLE
    [InlineData(503, 14, Infrastructure.Otlp.Json)]
    [InlineData(500, 13, Infrastructure.Otlp.Protobuf)] // INTERNAL
    [InlineData(400, 3, Infrastructure.Otlp.Json)] // INVALID_ARGUMENT
    public async Task Otlp_AFault_AnswersAStatusInTheRequestsEncodingWithTheMappedCode(int status, int code, string encoding)
    {
        await Client.AddFaultAsync($$"""{"match": {"kind": "traces"}, "status": {{status}}, "retryAfter": 3}""");

        var response = await PostTracesAsync(encoding);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        var answer = await response.ReadStatusAsync(encoding);
        Assert.Equal(code, answer.Code);
        Assert.Contains("Fault rule 1", answer.Message);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal((1L, status), (capture.FaultId(), capture.GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData("""{"message": "slow down"}""")]
    [InlineData("""{"detail": "slow down"}""")]
    [InlineData("\"slow down\"")]
    public async Task Otlp_AFaultWithABody_TakesTheStatusMessageFromIt(string body)
    {
        await Client.AddFaultAsync($$"""{"match": {"kind": "logs"}, "status": 429, "body": {{body}}}""");

        var response = await Client.PostProtobufAsync(Infrastructure.Otlp.Logs, OtlpMessages.Logs());

        var answer = await response.ReadStatusAsync(Infrastructure.Otlp.Protobuf);
        Assert.Equal((8, "slow down"), (answer.Code, answer.Message));
    }

    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf)]
    [InlineData(Infrastructure.Otlp.Json)]
    public async Task Otlp_APartialSuccessFault_Answers200WithTheRejectedCountAndMessage(string encoding)
    {
        await Client.AddFaultAsync("""{"match": {"kind": "traces"}, "partialSuccess": {"rejected": 2, "message": "quota exceeded"}}""");

        var response = await PostTracesAsync(encoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        var answer = encoding == Infrastructure.Otlp.Protobuf
            ? Proto.ExportTraceServiceResponse.Parser.ParseFrom(body)
            : JsonParser.Default.Parse<Proto.ExportTraceServiceResponse>(System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal((2L, "quota exceeded"), (answer.PartialSuccess.RejectedSpans, answer.PartialSuccess.ErrorMessage));
        var capture = await Client.LastCaptureAsync();
        Assert.Equal((1L, 200), (capture.FaultId(), capture.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task PartialSuccessRule_WithoutAKind_LeavesTheBeaconJsonRoutesAlone()
    {
        await Client.AddFaultAsync("""{"partialSuccess": {"rejected": 1}}""");

        var verify = await Client.VerifyAsync();
        var logs = await Client.PostProtobufAsync(Infrastructure.Otlp.Logs, OtlpMessages.Logs());

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var answer = Proto.ExportLogsServiceResponse.Parser.ParseFrom(await logs.Content.ReadAsByteArrayAsync());
        Assert.Equal(1L, answer.PartialSuccess.RejectedLogRecords);
        Assert.Contains("fault rule 1", answer.PartialSuccess.ErrorMessage);
        Assert.Equal([null, 1L], (await Client.CapturesAsync()).Select(c => c.FaultId()));
        Assert.Equal(1, (await Client.FaultAsync(1)).GetProperty("fired").GetInt64());
    }

    [Fact]
    public async Task Rules_ForNRequests_FireNTimesThenAreListedAsSpent()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 503, "times": 2}""");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await Client.VerifyAsync()).StatusCode);

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        var rule = await Client.FaultAsync(1);
        Assert.Equal((2L, 0L, true), (rule.GetProperty("fired").GetInt64(), rule.GetProperty("remaining").GetInt64(), rule.GetProperty("spent").GetBoolean()));
    }

    [Fact]
    public async Task Rules_ThatBothMatch_TheOldestLiveOneWins()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 503, "times": 1}""");
        await Client.AddFaultAsync("""{"status": 429}""");

        var first = await Client.VerifyAsync();
        var second = await Client.VerifyAsync();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
        Assert.Equal([1L, 2L], (await Client.CapturesAsync()).Select(c => c.FaultId()));
        Assert.Equal([1L, 1L], (await Client.FaultsAsync()).Select(r => r.GetProperty("fired").GetInt64()));
    }

    [Fact]
    public async Task DeletingARule_AnswersTheNextRequestNormally()
    {
        await Client.AddFaultAsync("""{"status": 503}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.VerifyAsync()).StatusCode);

        await Client.DeleteAsync($"{FaultApi.Route}/1");

        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync()).StatusCode);
    }

    private Task<HttpResponseMessage> PostTracesAsync(string encoding) => encoding == Infrastructure.Otlp.Protobuf
        ? Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces())
        : Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, Infrastructure.Otlp.ToOtlpJson(OtlpMessages.Traces()));
}
