using Beacon.MockServer.Client;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Client;

public sealed class OtlpClientTests(SharedMock shared) : IClassFixture<SharedMock>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Spans_AreReadTyped_AndTheirWaitAnswersOnceTheyArrive()
    {
        var mock = shared.NewNamespace();
        var waiting = mock.WaitForSpansAsync(new() { Name = "process_request", Timeout = Soon });
        await shared.PostAsync(mock, "/v1/beacon/v1/traces", Wire.Sample("otlp-traces-request"), licenseHeader: "lcl_otlp");

        var waited = Assert.Single((await waiting).Items);
        var all = await mock.GetSpansAsync(new() { Service = "langsmith_backend", Order = ListOrder.NewestFirst });
        var capture = (await mock.GetCapturesAsync(new() { Kind = CaptureKind.Traces })).Items[0].As<TracesCapture>();

        Assert.Equal(("71699b6fe85982c7c8995ea3d9c95df2", "3c191d03fa8be0"), (waited.TraceId, waited.ParentSpanId));
        Assert.Equal(["process_request", "receive_request"], all.Items.Select(s => s.Name));
        var receive = all.Items[1];
        Assert.Equal((1581452772000000321UL, 2, "status-cancelled"), (receive.StartTimeUnixNano, receive.Status.Code, receive.Status.Message));
        Assert.Equal("100", receive.Events[0].Attributes["request_size"].GetString());
        Assert.Equal("ls_self_hosted", receive.Resource["env"].GetString());
        Assert.Equal((1, 1, 2, 0), (capture.Details!.Resources, capture.Details.Scopes, capture.Details.Items, capture.Details.Rejected));
        Assert.True(capture.Payload?.TryGetProperty("resourceSpans", out _));
        Assert.Equal("lcl_otlp", capture.Capture.License);
    }

    [Fact]
    public async Task MetricPoints_AreReadTyped()
    {
        var mock = shared.NewNamespace();
        await shared.PostAsync(mock, "/v1/beacon/v1/metrics", Wire.Sample("otlp-metrics-request"));

        var points = await mock.WaitForMetricPointsAsync(new() { Name = "langsmith_http_requests_failed", Timeout = Soon });
        var all = await mock.GetMetricPointsAsync();

        var sum = Assert.Single(points.Items);
        Assert.Equal(("sum", 456.0, 456L, "unspecified", false), (sum.Type, sum.Value, sum.AsInt, sum.Temporality, sum.Monotonic));
        Assert.Equal("/info", sum.Attributes["endpoint"].GetString());
        Assert.Equal((2, "langsmith.metrics"), (all.Total, all.Items[0].Scope.Name));
        Assert.Equal(12.34, all.Items[0].AsDouble);
    }

    [Fact]
    public async Task LogRecords_AreFilteredBySeverity_AndReadTyped()
    {
        var mock = shared.NewNamespace();
        await shared.PostAsync(mock, "/v1/beacon/v1/logs", Wire.Sample("otlp-logs-request"));

        var errors = await mock.WaitForLogRecordsAsync(new() { MinSeverity = 17, Timeout = Soon });
        var pool = await mock.GetLogRecordsAsync(new() { Contains = "POOL" });

        var error = Assert.Single(errors.Items);
        Assert.Equal((17, "Error", "Failed to process trace batch"), (error.SeverityNumber, error.SeverityText, error.Body?.GetString()));
        Assert.Equal(95, Assert.Single(pool.Items).Attributes["pool_size"].GetInt32());
    }

    [Fact]
    public async Task ViewWait_ThatTimesOut_ThrowsTheTimeout()
    {
        var timeout = await Assert.ThrowsAsync<BeaconMockWaitTimeoutException>(() =>
            shared.NewNamespace().WaitForLogRecordsAsync(new() { Timeout = TimeSpan.Zero }));

        Assert.Equal((1, 0), (timeout.Expected, timeout.Matched));
    }
}
