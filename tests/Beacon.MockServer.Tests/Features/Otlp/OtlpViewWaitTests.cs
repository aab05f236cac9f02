using System.Net;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// The views' <c>/wait</c> routes count items (spans, points, records), not exports, with the views' own
/// filters, and answer once an export brings the last one they wait for.
/// </summary>
public sealed class OtlpViewWaitTests : HostedTest
{
    [Fact]
    public async Task SpansWait_CountsSpansAcrossExports_AndAnswersOnTheExportThatCompletesTheCount()
    {
        var store = App.Store();
        // Each export holds two spans of the trace; three spans need a second export.
        var wait = Client.GetAsync($"/mock/otlp/spans/wait?traceId={OtlpMessages.TraceId}&count=3&timeoutMs=60000");
        await store.WhenWaitersAsync(n => n == 1);

        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());
        await store.WhenWaitersAsync(n => n == 1);
        Assert.False(wait.IsCompleted, "the wait answered with two spans of three");
        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());
        var response = await wait.WaitAsync(Waiting.Bound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.ReadJsonAsync();
        Assert.Equal(4, list.GetProperty("total").GetInt32());
        Assert.Equal([1L, 1, 2, 2], list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task SpansWait_ByName_IgnoresSpansWithOtherNames()
    {
        var store = App.Store();
        var wait = Client.GetAsync("/mock/otlp/spans/wait?name=process_request&count=1&timeoutMs=60000");
        await store.WhenWaitersAsync(n => n == 1);

        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());
        await store.WhenWaitersAsync(n => n == 1);
        Assert.False(wait.IsCompleted, "spans named otherwise satisfied the wait");
        await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, Wire.Sample("otlp-traces-request"));
        var response = await wait.WaitAsync(Waiting.Bound);

        var span = Assert.Single((await response.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("process_request", span.GetProperty("name").GetString());
    }

    [Fact]
    public async Task MetricsWait_AnswersWithThePointsOfTheNamedMetric()
    {
        await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Metrics, Wire.Sample("otlp-metrics-request"));

        var response = await Client.GetAsync("/mock/otlp/metrics/wait?name=langsmith_http_requests_failed&count=1&timeoutMs=0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToArray();
        Assert.NotEmpty(items);
        Assert.All(items, p => Assert.Equal("langsmith_http_requests_failed", p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task LogsWait_ByMinSeverity_TimesOutNamingHowManyRecordsMatched()
    {
        var store = App.Store();
        var wait = Client.GetAsync("/mock/otlp/logs/wait?minSeverity=17&count=2&timeoutMs=1000");
        await store.WhenWaitersAsync(n => n == 1);
        // The documented sample holds one record at severity 13 and one at 17.
        await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Logs, Wire.Sample("otlp-logs-request"));
        await store.WhenWaitersAsync(n => n == 1);

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await wait.WaitAsync(Waiting.Bound);

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.Equal("Waited 1000 ms for 2 log records matching minSeverity=17; 1 matched. Nothing else arrived meanwhile.",
            (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ViewWait_ARefusedExport_DoesNotCount()
    {
        await Client.PostOtlpAsync(Infrastructure.Otlp.Traces, "not protobuf"u8.ToArray(), Infrastructure.Otlp.Protobuf);

        var response = await Client.GetAsync("/mock/otlp/spans/wait?count=1&timeoutMs=0");

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
    }

    [Theory]
    [InlineData("spans", "count=0", "count")]
    [InlineData("metrics", "timeoutMs=-5", "timeoutMs")]
    [InlineData("logs", "minSeverity=25", "minSeverity")]
    [InlineData("logs", "limit=5000", "limit")]
    public async Task ViewWait_WithABadParameter_Answers400NamingIt(string view, string query, string field)
    {
        var response = await Client.GetAsync($"/mock/otlp/{view}/wait?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }
}
