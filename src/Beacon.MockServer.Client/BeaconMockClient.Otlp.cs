namespace Beacon.MockServer.Client;

public sealed partial class BeaconMockClient
{
    /// <summary>Captured spans, one item each (<c>GET /mock/otlp/spans</c>). Only exports that were accepted appear.</summary>
    /// <param name="query">The filters; null for every item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<OtlpList<SpanView>> GetSpansAsync(SpanQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/otlp/spans" + Spans(query ?? new()), ClientJson.Default.OtlpListSpanView, cancellationToken);

    /// <summary>Answers once at least <see cref="SpanWait.Count"/> spans match (<c>GET /mock/otlp/spans/wait</c>).</summary>
    /// <param name="wait">The filters, and how many to wait for, how long and until which stage; null for the mock's defaults (any item, 1, 10 s).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="BeaconMockWaitTimeoutException">The mock's timeout passed first.</exception>
    public Task<OtlpList<SpanView>> WaitForSpansAsync(SpanWait? wait = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/otlp/spans/wait" + Spans(wait ??= new()).Add(wait), ClientJson.Default.OtlpListSpanView, cancellationToken);

    /// <summary>Captured metric data points, one item each (<c>GET /mock/otlp/metrics</c>).</summary>
    /// <param name="query">The filters; null for every item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<OtlpList<MetricPointView>> GetMetricPointsAsync(MetricQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/otlp/metrics" + Metrics(query ?? new()), ClientJson.Default.OtlpListMetricPointView, cancellationToken);

    /// <summary>Answers once at least <see cref="MetricWait.Count"/> data points match (<c>GET /mock/otlp/metrics/wait</c>).</summary>
    /// <param name="wait">The filters, and how many to wait for, how long and until which stage; null for the mock's defaults (any item, 1, 10 s).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="BeaconMockWaitTimeoutException">The mock's timeout passed first.</exception>
    public Task<OtlpList<MetricPointView>> WaitForMetricPointsAsync(MetricWait? wait = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/otlp/metrics/wait" + Metrics(wait ??= new()).Add(wait), ClientJson.Default.OtlpListMetricPointView, cancellationToken);

    /// <summary>Captured log records, one item each (<c>GET /mock/otlp/logs</c>).</summary>
    /// <param name="query">The filters; null for every item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<OtlpList<LogRecordView>> GetLogRecordsAsync(LogQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/otlp/logs" + Logs(query ?? new()), ClientJson.Default.OtlpListLogRecordView, cancellationToken);

    /// <summary>Answers once at least <see cref="LogWait.Count"/> log records match (<c>GET /mock/otlp/logs/wait</c>).</summary>
    /// <param name="wait">The filters, and how many to wait for, how long and until which stage; null for the mock's defaults (any item, 1, 10 s).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="BeaconMockWaitTimeoutException">The mock's timeout passed first.</exception>
    public Task<OtlpList<LogRecordView>> WaitForLogRecordsAsync(LogWait? wait = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "mock/otlp/logs/wait" + Logs(wait ??= new()).Add(wait), ClientJson.Default.OtlpListLogRecordView, cancellationToken);

    private QueryString Spans(SpanQuery query) => View(new QueryString().Add("traceId", query.TraceId).Add("name", query.Name), query);

    private QueryString Metrics(MetricQuery query) => View(new QueryString().Add("name", query.Name), query);

    private QueryString Logs(LogQuery query) => View(new QueryString().Add("minSeverity", query.MinSeverity).Add("contains", query.Contains), query);

    private QueryString View(QueryString parameters, ViewQuery query) =>
        parameters.Add("service", query.Service).Add("license", query.License).Add("namespace", Scope(query.Namespace))
            .Add("after", query.After).Add("limit", query.Limit).Add("order", query.Order);
}
