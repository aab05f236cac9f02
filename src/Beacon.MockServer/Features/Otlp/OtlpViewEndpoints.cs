using Beacon.MockServer.Features.Otlp.Model;
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
        ListAsync(paging.Check() ?? query.Check(), () => SpanList(query, filters, paging, store)(paging.PageSize), scans, cancellationToken);

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
        HttpRequest request, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(paging.Check() ?? query.Check(), ("span", "spans"), OtlpSignal.Traces, completed => SpanList(query, filters, paging, store, completed), filters, paging, wait, request, store, time, options, cancellationToken);

    internal static Task<Results<Ok<OtlpList<MetricPointView>>, ProblemHttpResult>> MetricsWait(
        [AsParameters] MetricQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging, [AsParameters] WaitQuery wait,
        HttpRequest request, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(paging.Check(), ("metric data point", "metric data points"), OtlpSignal.Metrics, completed => MetricList(query, filters, paging, store, completed), filters, paging, wait, request, store, time, options, cancellationToken);

    internal static Task<Results<Ok<OtlpList<LogView>>, ProblemHttpResult>> LogsWait(
        [AsParameters] LogQuery query, [AsParameters] ViewFilters filters, [AsParameters] Paging paging, [AsParameters] WaitQuery wait,
        HttpRequest request, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(paging.Check() ?? query.Check(), ("log record", "log records"), OtlpSignal.Logs, completed => LogList(query, filters, paging, store, completed), filters, paging, wait, request, store, time, options, cancellationToken);

    /// <param name="list">The view's list, of completed exports only when asked (the wait's stage is completed).</param>
    private static async Task<Results<Ok<OtlpList<T>>, ProblemHttpResult>> WaitAsync<T>(
        ProblemHttpResult? invalid, (string One, string Many) items, OtlpSignal signal, Func<bool, Func<int, OtlpList<T>>> list, ViewFilters filters, Paging paging,
        WaitQuery wait, HttpRequest request, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken)
    {
        if (invalid is not null)
            return invalid;
        var completed = wait.CaptureStage == CaptureStage.Completed;
        return await Waits.RunAsync(wait, filters.Captures(signal, paging) with { CompletedOnly = completed }, items, list(completed), paging.PageSize,
            request, store, time, options.Value.Waits, cancellationToken);
    }

    /// <summary>The spans matching <paramref name="query"/>, at most a limit.</summary>
    private static Func<int, OtlpList<SpanView>> SpanList(SpanQuery query, ViewFilters filters, Paging paging, CaptureStore store, bool completedOnly = false)
    {
        var match = new SpanMatch(Utf8(query.Name), Id(query.TraceId), Id(query.SpanId), Id(query.ParentSpanId), Utf8(filters.Service));
        return limit => Collect(store, OtlpSignal.Traces, filters, paging, completedOnly, limit, (export, found) => OtlpItemScan.Spans(export, match, found),
            OtlpItems.Spans, SpanView.Of, span =>
                (query.TraceId is null || span.Value.TraceId.Equals(query.TraceId, StringComparison.OrdinalIgnoreCase))
                && (query.SpanId is null || span.Value.SpanId.Equals(query.SpanId, StringComparison.OrdinalIgnoreCase))
                && (query.ParentSpanId is null || span.Value.ParentSpanId.Equals(query.ParentSpanId, StringComparison.OrdinalIgnoreCase))
                && (query.Name is null || span.Value.Name == query.Name)
                && (filters.Service is null || OtlpItems.Service(span.Resource) == filters.Service));
    }

    private static Func<int, OtlpList<MetricPointView>> MetricList(MetricQuery query, ViewFilters filters, Paging paging, CaptureStore store, bool completedOnly = false)
    {
        var match = new MetricMatch(Utf8(query.Name), Utf8(filters.Service));
        return limit => Collect(store, OtlpSignal.Metrics, filters, paging, completedOnly, limit, (export, found) => OtlpItemScan.MetricPoints(export, match, found),
            OtlpItems.MetricPoints, MetricPointView.Of, point =>
                (query.Name is null || point.Value.Metric.Name == query.Name)
                && (filters.Service is null || OtlpItems.Service(point.Resource) == filters.Service));
    }

    private static Func<int, OtlpList<LogView>> LogList(LogQuery query, ViewFilters filters, Paging paging, CaptureStore store, bool completedOnly = false)
    {
        var match = new LogMatch(query.MinSeverity, Id(query.TraceId), Id(query.SpanId), Utf8(filters.Service), query.Contains);
        return limit => Collect(store, OtlpSignal.Logs, filters, paging, completedOnly, limit, (export, found) => OtlpItemScan.Logs(export, match, found),
            OtlpItems.Logs, LogView.Of, log =>
                (query.MinSeverity is null || log.Value.SeverityNumber >= query.MinSeverity)
                && (query.TraceId is null || log.Value.TraceId.Equals(query.TraceId, StringComparison.OrdinalIgnoreCase))
                && (query.SpanId is null || log.Value.SpanId.Equals(query.SpanId, StringComparison.OrdinalIgnoreCase))
                && (filters.Service is null || OtlpItems.Service(log.Resource) == filters.Service)
                && (query.Contains is null || OtlpItems.BodyText(log.Value).Contains(query.Contains, StringComparison.OrdinalIgnoreCase)));
    }

    private static byte[]? Utf8(string? text) => text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>An id filter as the bytes a protobuf export holds; it was checked to be hex of its length.</summary>
    private static byte[]? Id(string? hex) => hex is null ? null : Convert.FromHexString(hex);

    /// <summary>Reads which items of a stored protobuf export match, by their place in it; false when the bytes cannot tell.</summary>
    private delegate bool ItemScan(ReadOnlySpan<byte> export, List<int> found);

    /// <summary>
    /// Counts every matching item of the accepted exports, reading each stored export's protobuf for what the filters
    /// name (an export kept as JSON, or one the bytes cannot tell about, is decoded), and decodes only the exports
    /// whose items it lists: the first <paramref name="limit"/>.
    /// </summary>
    private static OtlpList<TView> Collect<TItem, TView>(
        CaptureStore store, OtlpSignal signal, ViewFilters filters, Paging paging, bool completedOnly, int limit, ItemScan scan,
        Func<OtlpMessage, long, IEnumerable<TItem>> items, Func<TItem, TView> view, Func<TItem, bool> matches)
    {
        var (captures, lastSequence) = store.Scan(filters.Captures(signal, paging) with { CompletedOnly = completedOnly }, paging.NewestFirst);
        var listed = new List<TView>(Math.Min(limit, 64));
        var found = new List<int>();
        var total = 0;
        foreach (var capture in captures)
        {
            if (!OtlpItems.Accepted(capture, signal))
                continue;
            found.Clear();
            List<TItem>? decoded = null;
            if (!OtlpPayload.IsProtobuf(capture.PayloadReader) || !scan(capture.PayloadBytes.Span, found))
            {
                found.Clear();
                decoded = [.. items(OtlpItems.Export(capture), capture.Sequence)];
                for (var i = 0; i < decoded.Count; i++)
                {
                    if (matches(decoded[i]))
                        found.Add(i);
                }
            }
            total += found.Count;
            if (listed.Count >= limit || found.Count == 0)
                continue;
            decoded ??= [.. items(OtlpItems.Export(capture), capture.Sequence)];
            for (var n = 0; n < found.Count && listed.Count < limit; n++)
                listed.Add(view(decoded[found[paging.NewestFirst ? found.Count - 1 - n : n]]));
        }
        return new OtlpList<TView>(listed, total, lastSequence);
    }
}

/// <param name="Total">How many items match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest capture sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
internal sealed record OtlpList<T>(IReadOnlyList<T> Items, int Total, long LastSequence) : ICountedList;
