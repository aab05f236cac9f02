using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// The three OTLP samples of the newest documentation page, posted byte for byte as JSON. They are
/// hand-written and break OTLP's rules in places; the mock takes them as they are and says where.
/// </summary>
public sealed class OtlpDocumentedSamplesTests : HostedTest
{
    private async Task<JsonElement> PostSampleAsync(string path, string sample)
    {
        var response = await Client.PostJsonAsync(path, Wire.Sample(sample));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await Client.LastCaptureAsync();
    }

    private static string[] Findings(JsonElement capture) =>
        [.. capture.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("path").GetString()}: {f.GetProperty("message").GetString()}")];

    [Fact]
    public async Task TracesSample_IsAccepted_KeepsItsInvalidIdsAsSent_AndReportsThem()
    {
        var capture = await PostSampleAsync(Infrastructure.Otlp.Traces, "otlp-traces-request");

        Assert.Equal("traces", capture.GetProperty("kind").GetString());
        Assert.Equal("json", capture.GetProperty("encoding").GetString());
        Assert.Equal(
        [
            "resourceSpans[0].scopeSpans[0].spans[0].spanId: '3c191d03fa8be0' is not a 16-character hex id (8 bytes); accepted as sent",
            "resourceSpans[0].scopeSpans[0].spans[1].spanId: '0932ksdka12345' is not a 16-character hex id (8 bytes); accepted as sent",
            "resourceSpans[0].scopeSpans[0].spans[1].parentSpanId: '3c191d03fa8be0' is not a 16-character hex id (8 bytes); accepted as sent",
        ], Findings(capture));

        var spans = await Client.ViewAsync("spans", "?service=langsmith_backend");
        Assert.Equal(["receive_request", "process_request"], spans.Select(s => s.GetProperty("name").GetString()!));
        Assert.All(spans, s => Assert.Equal("71699b6fe85982c7c8995ea3d9c95df2", s.GetProperty("traceId").GetString()));
        Assert.Equal("3c191d03fa8be0", spans[0].GetProperty("spanId").GetString());
        Assert.Equal("0932ksdka12345", spans[1].GetProperty("spanId").GetString());
        Assert.Equal("3c191d03fa8be0", spans[1].GetProperty("parentSpanId").GetString());
        Assert.Equal(2, spans[0].GetProperty("status").GetProperty("code").GetInt32());
        Assert.Equal("status-cancelled", spans[0].GetProperty("status").GetProperty("message").GetString());
        Assert.Equal("2020-02-11T20:26:12.0000003+00:00", spans[0].GetProperty("startTime").GetString());
        Assert.Equal("1581452772000000321", spans[0].GetProperty("startTimeUnixNano").GetString());
        var parse = spans[0].GetProperty("events")[0];
        Assert.Equal("parse_request", parse.GetProperty("name").GetString());
        Assert.Equal("100", parse.GetProperty("attributes").GetProperty("request_size").GetString());
        Assert.Equal("ls_self_hosted", spans[0].GetProperty("resource").GetProperty("env").GetString());
        Assert.All(spans, s => Assert.Equal(capture.GetProperty("sequence").GetInt64(), s.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task MetricsSample_IsAccepted_AndItsMisplacedSumFieldsAreReported()
    {
        var capture = await PostSampleAsync(Infrastructure.Otlp.Metrics, "otlp-metrics-request");

        // The sample puts the Sum's aggregationTemporality and isMonotonic on its data point.
        const string Sum = "resourceMetrics[0].scopeMetrics[0].metrics[1].sum";
        Assert.Equal(
        [
            $"{Sum}.aggregationTemporality: is unset (0, unspecified), which OTLP says must not be used: send 1 (delta) or 2 (cumulative)",
            $"{Sum}.dataPoints[0].aggregationTemporality: is not a field of this OTLP message; ignored",
            $"{Sum}.dataPoints[0].isMonotonic: is not a field of this OTLP message; ignored",
        ], Findings(capture));

        var points = await Client.ViewAsync("metrics");
        Assert.Equal(2, points.Length);
        var latency = points[0];
        Assert.Equal("langsmith_http_requests_latency", latency.GetProperty("name").GetString());
        Assert.Equal("gauge", latency.GetProperty("type").GetString());
        Assert.Equal("seconds", latency.GetProperty("unit").GetString());
        Assert.Equal(12.34, latency.GetProperty("value").GetDouble());
        Assert.Equal("/sessions", latency.GetProperty("attributes").GetProperty("endpoint").GetString());
        Assert.Equal("langsmith-metrics", latency.GetProperty("resource").GetProperty("resource.name").GetString());
        Assert.Equal("langsmith.metrics", latency.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal("0.1.0", latency.GetProperty("scope").GetProperty("version").GetString());
        Assert.Equal("2023-03-15T13:20:00+00:00", latency.GetProperty("time").GetString());
        var failed = (await Client.ViewAsync("metrics", "?name=langsmith_http_requests_failed")).Single();
        Assert.Equal("sum", failed.GetProperty("type").GetString());
        Assert.Equal(456, failed.GetProperty("asInt").GetInt64());
        Assert.Equal("unspecified", failed.GetProperty("temporality").GetString());
        Assert.False(failed.GetProperty("monotonic").GetBoolean());
    }

    [Fact]
    public async Task LogsSample_IsAccepted_WithoutFindings_AndBothRecordsAreVisible()
    {
        var capture = await PostSampleAsync(Infrastructure.Otlp.Logs, "otlp-logs-request");

        Assert.Empty(Findings(capture));
        var logs = await Client.ViewAsync("logs", "?service=langsmith_backend");
        Assert.Equal([13, 17], logs.Select(l => l.GetProperty("severityNumber").GetInt32()));
        Assert.Equal("Database connection pool approaching capacity", logs[0].GetProperty("body").GetString());
        Assert.Equal(95, logs[0].GetProperty("attributes").GetProperty("pool_size").GetInt64());
        Assert.Equal("08040201000000000000000000000000", logs[0].GetProperty("traceId").GetString());
        Assert.Equal("0102040800000000", logs[0].GetProperty("spanId").GetString());
        Assert.Equal("", logs[1].GetProperty("traceId").GetString());
        Assert.Equal("Warning", logs[0].GetProperty("severityText").GetString());

        var errors = await Client.ViewAsync("logs", "?minSeverity=17&contains=TRACE%20BATCH");
        Assert.Equal("Failed to process trace batch", errors.Single().GetProperty("body").GetString());
    }
}
