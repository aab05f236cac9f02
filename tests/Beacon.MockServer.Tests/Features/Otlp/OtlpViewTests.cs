using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using System.Net.Http.Json;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>The flattened views: what each item holds, and each filter.</summary>
public sealed class OtlpViewTests : HostedTest
{
    [Fact]
    public async Task Views_OrderDesc_ListTheNewestExportFirst_AndItsLastItemFirst()
    {
        await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Logs, """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityText":"a"},{"severityText":"b"}]}]}]}""");
        await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Logs, """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityText":"c"}]}]}]}""");

        var newest = await Client.ViewAsync("logs", "?order=desc");
        var oldest = await Client.ViewAsync("logs");

        Assert.Equal(["c", "b", "a"], newest.Select(l => l.GetProperty("severityText").GetString()));
        Assert.Equal(["a", "b", "c"], oldest.Select(l => l.GetProperty("severityText").GetString()));
    }

    [Fact]
    public async Task Spans_CarryIdsKindStatusTimesEventsLinksAttributesResourceAndScope()
    {
        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());

        var spans = await Client.ViewAsync("spans", $"?traceId={OtlpMessages.TraceId.ToUpperInvariant()}");

        Assert.Equal(2, spans.Length);
        var root = spans[0];
        Assert.Equal(OtlpMessages.RootSpanId, root.GetProperty("spanId").GetString());
        Assert.Equal("", root.GetProperty("parentSpanId").GetString());
        Assert.Equal(2, root.GetProperty("kind").GetInt32());
        Assert.Equal("vendor=1", root.GetProperty("traceState").GetString());
        Assert.Equal(0x101u, root.GetProperty("flags").GetUInt32());
        Assert.Equal("2023-11-14T22:13:20+00:00", root.GetProperty("startTime").GetString());
        Assert.Equal("1700000000250000000", root.GetProperty("endTimeUnixNano").GetString());
        Assert.Equal("boom", root.GetProperty("status").GetProperty("message").GetString());
        Assert.Equal(3, root.GetProperty("attributes").GetProperty("attempt").GetInt64());
        Assert.Equal("Timeout", root.GetProperty("events")[0].GetProperty("attributes").GetProperty("exception.type").GetString());
        Assert.Equal("beacon.tests", root.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal("1.2.3", root.GetProperty("scope").GetProperty("version").GetString());
        var child = spans[1];
        Assert.Equal(OtlpMessages.RootSpanId, child.GetProperty("parentSpanId").GetString());
        var link = child.GetProperty("links")[0];
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", link.GetProperty("traceId").GetString());
        Assert.Equal("batch", link.GetProperty("attributes").GetProperty("why").GetString());
    }

    [Fact]
    public async Task Attributes_AreAJsonObject_WithEveryAnyValueTypeAsPlainJson()
    {
        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());

        var everything = (await Client.ViewAsync("spans"))[0].GetProperty("resource").GetProperty("everything");

        Assert.Equal(
            """{"string":"text","empty":"","bool":true,"int":-9007199254740993,"double":0.25,"bytes":"AAH+/w==","array":["a",2],"unset":null}""",
            everything.GetRawText());
    }

    [Fact]
    public async Task Metrics_EveryDataType_IsFlattenedWithTheFieldsItHas()
    {
        await Client.PostProtobufAsync(Infrastructure.Otlp.Metrics, OtlpMessages.Metrics());

        var points = await Client.ViewAsync("metrics", $"?service={OtlpMessages.Service}");

        Assert.Equal(["gauge", "sum", "histogram", "histogram", "exponentialHistogram", "summary"], points.Select(p => p.GetProperty("type").GetString()!));
        var (gauge, sum, histogram, sparse, exponential, summary) = (points[0], points[1], points[2], points[3], points[4], points[5]);
        Assert.Equal(12.5, gauge.GetProperty("value").GetDouble());
        Assert.Equal("runs", gauge.GetProperty("attributes").GetProperty("queue").GetString());
        Assert.False(gauge.TryGetProperty("temporality", out _));
        Assert.Equal(9_007_199_254_740_993, sum.GetProperty("asInt").GetInt64());
        Assert.Equal("cumulative", sum.GetProperty("temporality").GetString());
        Assert.True(sum.GetProperty("monotonic").GetBoolean());
        Assert.Equal(1, sum.GetProperty("exemplars").GetInt32());
        Assert.Equal("delta", histogram.GetProperty("temporality").GetString());
        Assert.Equal(6ul, histogram.GetProperty("count").GetUInt64());
        Assert.Equal(2.5, histogram.GetProperty("sum").GetDouble());
        Assert.Equal(0.01, histogram.GetProperty("min").GetDouble());
        Assert.Equal("[1,2,3]", histogram.GetProperty("bucketCounts").GetRawText());
        Assert.Equal("[0.1,1]", histogram.GetProperty("explicitBounds").GetRawText());
        Assert.False(sparse.TryGetProperty("sum", out _)); // optional and unset: absent, not 0
        Assert.Equal(-2, exponential.GetProperty("scale").GetInt32());
        Assert.Equal(-3, exponential.GetProperty("positive").GetProperty("offset").GetInt32());
        Assert.Equal("[2,3]", exponential.GetProperty("positive").GetProperty("bucketCounts").GetRawText());
        Assert.Equal(1ul, exponential.GetProperty("zeroCount").GetUInt64());
        Assert.Equal(0.5, summary.GetProperty("quantiles")[0].GetProperty("quantile").GetDouble());
        Assert.Equal(20, summary.GetProperty("quantiles")[1].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Metrics_DoublesJsonCannotHold_AreShownByName()
    {
        var metrics = OtlpMessages.Metrics();
        var scope = metrics.ResourceMetrics[0].ScopeMetrics[0];
        scope.Metrics[0].Gauge.DataPoints[0].AsDouble = double.NaN;
        scope.Metrics[2].Histogram.DataPoints[0].Sum = double.PositiveInfinity;
        scope.Metrics[2].Histogram.DataPoints[0].ExplicitBounds[1] = double.NegativeInfinity;
        scope.Metrics[4].Summary.DataPoints[0].QuantileValues[0].Value = double.NaN;

        Assert.Equal(HttpStatusCode.OK, (await Client.PostProtobufAsync(Infrastructure.Otlp.Metrics, metrics)).StatusCode);
        var points = await Client.ViewAsync("metrics");

        Assert.Equal("NaN", points[0].GetProperty("value").GetString());
        Assert.Equal("Infinity", points[2].GetProperty("sum").GetString());
        Assert.Equal("-Infinity", points[2].GetProperty("explicitBounds")[1].GetString());
        Assert.Equal("NaN", points[5].GetProperty("quantiles")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Logs_CarryBodyAsPlainJson_TraceContext_AndObservedTime()
    {
        await Client.PostProtobufAsync(Infrastructure.Otlp.Logs, OtlpMessages.Logs());

        var logs = await Client.ViewAsync("logs");

        Assert.Equal("Failed to process trace batch", logs[0].GetProperty("body").GetString());
        Assert.Equal(OtlpMessages.TraceId, logs[0].GetProperty("traceId").GetString());
        Assert.Equal("batch.failed", logs[0].GetProperty("eventName").GetString());
        Assert.Equal("1700000000000000500", logs[0].GetProperty("observedTimeUnixNano").GetString());
        Assert.Equal(JsonValueKind.Object, logs[1].GetProperty("body").ValueKind);
        Assert.True(logs[1].GetProperty("body").GetProperty("bool").GetBoolean());
    }

    [Fact]
    public async Task Filters_NameServiceSeverityContainsAfterAndLimit_EachNarrowTheItems()
    {
        var other = OtlpMessages.Traces();
        other.ResourceSpans[0].Resource.Attributes[0].Value.StringValue = "other-service";
        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());
        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, other);
        await Client.PostProtobufAsync(Infrastructure.Otlp.Logs, OtlpMessages.Logs());
        await Client.PostProtobufAsync(Infrastructure.Otlp.Metrics, OtlpMessages.Metrics());

        Assert.Equal(2, (await Client.ViewAsync("spans", "?name=SELECT")).Length);
        Assert.Single(await Client.ViewAsync("spans", "?name=SELECT&service=other-service"));
        Assert.Empty(await Client.ViewAsync("spans", "?name=select"));
        Assert.Empty(await Client.ViewAsync("spans", "?traceId=00000000000000000000000000000001"));
        Assert.Equal(2, (await Client.ViewAsync("spans", "?after=1")).Length);
        Assert.Single(await Client.ViewAsync("logs", "?minSeverity=10"));
        Assert.Single(await Client.ViewAsync("logs", "?contains=%22bool%22:true"));
        Assert.Single(await Client.ViewAsync("metrics", "?name=latency&limit=1"));

        var page = await Client.GetFromJsonAsync<JsonElement>("/mock/otlp/spans?limit=3");
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(4, page.GetProperty("lastSequence").GetInt64());
    }

    [Theory]
    [InlineData("spans?limit=0", "limit")]
    [InlineData("metrics?limit=1001", "limit")]
    [InlineData("logs?after=-1", "after")]
    [InlineData("logs?minSeverity=25", "minSeverity")]
    public async Task BadFilter_Is400NamingIt(string query, string field)
    {
        var response = await Client.GetAsync($"/mock/otlp/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task BeaconJsonRoute_AcceptsAGzipBody_Too()
    {
        var body = Infrastructure.Otlp.Gzip(System.Text.Encoding.UTF8.GetBytes(Wire.Sample("verify-request")));

        var response = await Client.PostOtlpAsync("/v1/beacon/verify", body, "application/json", "gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal("gzip", capture.GetProperty("compression").GetString());
        Assert.Equal("json", capture.GetProperty("encoding").GetString());
        Assert.Equal(JsonValueKind.Object, capture.GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task ViewsIgnoreExportsThatWereRefused()
    {
        await Client.PostOtlpAsync(Infrastructure.Otlp.Traces, [0x0A, 0x05], Infrastructure.Otlp.Protobuf);
        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, new Proto.ExportTraceServiceRequest());

        Assert.Empty(await Client.ViewAsync("spans"));
        Assert.Equal(2, (await Client.CapturesAsync("?kind=traces")).Length);
    }
}
