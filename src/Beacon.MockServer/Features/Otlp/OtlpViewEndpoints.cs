using Beacon.MockServer.Api;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// <c>/mock/otlp/spans</c>, <c>/metrics</c> and <c>/logs</c>: the captured OTLP exports, one item per span,
/// data point or log record, oldest capture first and in the order each export listed them.
/// </summary>
internal static class OtlpViewEndpoints
{
    public static RouteGroupBuilder MapOtlpViewEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock/otlp").WithTags("Mock");
        group.MapGet("/spans", Spans).WithName("ListSpans").WithSummary("Captured spans, flattened").ProducesValidationProblem()
            .WithExample("""
                {"items": [{"sequence": 4, "traceId": "71699b6fe85982c7c8995ea3d9c95df2", "spanId": "3c191d03fa8be065", "parentSpanId": "",
                  "traceState": "", "flags": 0, "name": "receive_request", "kind": 2,
                  "startTime": "2020-02-11T20:26:12.0000003+00:00", "startTimeUnixNano": "1581452772000000321",
                  "endTime": "2020-02-11T20:26:13.0000007+00:00", "endTimeUnixNano": "1581452773000000789",
                  "status": {"code": 1, "message": ""}, "attributes": {"http.method": "POST"}, "events": [], "links": [],
                  "resource": {"service.name": "langsmith_backend"}, "scope": {"name": "", "version": ""}}], "total": 1, "lastSequence": 4}
                """);
        group.MapGet("/metrics", Metrics).WithName("ListMetricPoints").WithSummary("Captured metric data points, flattened").ProducesValidationProblem();
        group.MapGet("/logs", Logs).WithName("ListLogRecords").WithSummary("Captured log records, flattened").ProducesValidationProblem();
        group.MapGet("/spans/wait", SpansWait).WithName("WaitForSpans")
            .WithSummary("Wait until at least count spans match the filters, then list them")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status408RequestTimeout);
        group.MapGet("/metrics/wait", MetricsWait).WithName("WaitForMetricPoints")
            .WithSummary("Wait until at least count metric data points match the filters, then list them")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status408RequestTimeout);
        group.MapGet("/logs/wait", LogsWait).WithName("WaitForLogRecords")
            .WithSummary("Wait until at least count log records match the filters, then list them")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status408RequestTimeout);
        return group;
    }

    internal static Task<Results<Ok<OtlpList<SpanView>>, ProblemHttpResult>> Spans(
        [AsParameters] SpanQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging,
        CaptureStore store, ViewScans scans, CancellationToken cancellationToken) =>
        ListAsync(paging.Check(), () => SpanList(query, filters, paging, store)(paging.PageSize), scans, cancellationToken);

    internal static Task<Results<Ok<OtlpList<MetricPointView>>, ProblemHttpResult>> Metrics(
        [AsParameters] MetricQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging,
        CaptureStore store, ViewScans scans, CancellationToken cancellationToken) =>
        ListAsync(paging.Check(), () => MetricList(query, filters, paging, store)(paging.PageSize), scans, cancellationToken);

    internal static Task<Results<Ok<OtlpList<LogView>>, ProblemHttpResult>> Logs(
        [AsParameters] LogQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging,
        CaptureStore store, ViewScans scans, CancellationToken cancellationToken) =>
        ListAsync(paging.Check() ?? query.Check(), () => LogList(query, filters, paging, store)(paging.PageSize), scans, cancellationToken);

    private static async Task<Results<Ok<OtlpList<T>>, ProblemHttpResult>> ListAsync<T>(
        ProblemHttpResult? invalid, Func<OtlpList<T>> list, ViewScans scans, CancellationToken cancellationToken) =>
        invalid is not null ? invalid : TypedResults.Ok(await scans.RunAsync(list, cancellationToken));

    internal static Task<Results<Ok<OtlpList<SpanView>>, ProblemHttpResult>> SpansWait(
        [AsParameters] SpanQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(paging.Check(), "spans", OtlpSignal.Traces, completed => SpanList(query, filters, paging, store, completed), filters, paging, wait, store, time, options, cancellationToken);

    internal static Task<Results<Ok<OtlpList<MetricPointView>>, ProblemHttpResult>> MetricsWait(
        [AsParameters] MetricQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(paging.Check(), "metric data points", OtlpSignal.Metrics, completed => MetricList(query, filters, paging, store, completed), filters, paging, wait, store, time, options, cancellationToken);

    internal static Task<Results<Ok<OtlpList<LogView>>, ProblemHttpResult>> LogsWait(
        [AsParameters] LogQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(paging.Check() ?? query.Check(), "log records", OtlpSignal.Logs, completed => LogList(query, filters, paging, store, completed), filters, paging, wait, store, time, options, cancellationToken);

    /// <param name="list">The view's list, of completed exports only when asked (the wait's stage is completed).</param>
    private static async Task<Results<Ok<OtlpList<T>>, ProblemHttpResult>> WaitAsync<T>(
        ProblemHttpResult? invalid, string items, OtlpSignal signal, Func<bool, Func<int, OtlpList<T>>> list, ViewFilters filters, Paging paging, WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken)
    {
        if (invalid is not null)
            return invalid;
        var completed = wait.CaptureStage == CaptureStage.Completed;
        return await Waits.RunAsync(wait, filters.Captures(signal, paging) with { CompletedOnly = completed }, items, list(completed), paging.PageSize,
            store, time, options.Value.Waits, cancellationToken);
    }

    /// <summary>The spans matching <paramref name="query"/>, at most a limit.</summary>
    private static Func<int, OtlpList<SpanView>> SpanList(SpanQuery query, ViewFilters filters, Paging paging, CaptureStore store, bool completedOnly = false) =>
        limit => Collect(store, OtlpSignal.Traces, filters, paging, completedOnly, limit, OtlpItems.Spans, SpanView.Of, span =>
            (query.TraceId is null || span.Value.TraceId.Equals(query.TraceId, StringComparison.OrdinalIgnoreCase))
            && (query.Name is null || span.Value.Name == query.Name)
            && (filters.Service is null || OtlpItems.Service(span.Resource) == filters.Service));

    private static Func<int, OtlpList<MetricPointView>> MetricList(MetricQuery query, ViewFilters filters, Paging paging, CaptureStore store, bool completedOnly = false) =>
        limit => Collect(store, OtlpSignal.Metrics, filters, paging, completedOnly, limit, OtlpItems.MetricPoints, MetricPointView.Of, point =>
            (query.Name is null || point.Value.Metric.Name == query.Name)
            && (filters.Service is null || OtlpItems.Service(point.Resource) == filters.Service));

    private static Func<int, OtlpList<LogView>> LogList(LogQuery query, ViewFilters filters, Paging paging, CaptureStore store, bool completedOnly = false) =>
        limit => Collect(store, OtlpSignal.Logs, filters, paging, completedOnly, limit, OtlpItems.Logs, LogView.Of, log =>
            (query.MinSeverity is null || log.Value.SeverityNumber >= query.MinSeverity)
            && (filters.Service is null || OtlpItems.Service(log.Resource) == filters.Service)
            && (query.Contains is null || OtlpItems.BodyText(log.Value).Contains(query.Contains, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Counts every matching item of the accepted exports and builds the view of the first <paramref name="limit"/>
    /// only. The store hands over its records; the items are read from the model each capture keeps.
    /// </summary>
    private static OtlpList<TView> Collect<TItem, TView>(
        CaptureStore store, OtlpSignal signal, ViewFilters filters, Paging paging, bool completedOnly, int limit,
        Func<Capture, IEnumerable<TItem>> items, Func<TItem, TView> view, Func<TItem, bool> matches)
    {
        var page = store.Query(filters.Captures(signal, paging) with { CompletedOnly = completedOnly }, int.MaxValue, paging.NewestFirst);
        var listed = new List<TView>(Math.Min(limit, 64));
        var total = 0;
        foreach (var capture in page.Items)
        {
            if (!OtlpItems.Accepted(capture))
                continue;
            foreach (var item in paging.NewestFirst ? items(capture).Reverse() : items(capture))
            {
                if (!matches(item))
                    continue;
                total++;
                if (listed.Count < limit)
                    listed.Add(view(item));
            }
        }
        return new OtlpList<TView>(listed, total, page.LastSequence);
    }
}

/// <param name="Total">How many items match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest capture sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
internal sealed record OtlpList<T>(IReadOnlyList<T> Items, int Total, long LastSequence) : ICountedList;
