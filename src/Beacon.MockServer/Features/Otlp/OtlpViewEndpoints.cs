using System.ComponentModel;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// <c>/mock/otlp/spans</c>, <c>/metrics</c> and <c>/logs</c>: the captured OTLP exports, one item per span,
/// data point or log record, oldest capture first and in the order each export listed them.
/// </summary>
public static class OtlpViewEndpoints
{
    public static RouteGroupBuilder MapOtlpViewEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock/otlp").WithTags("Mock");
        group.MapGet("/spans", Spans).WithName("ListSpans").WithSummary("Captured spans, flattened").ProducesValidationProblem();
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

    internal static Results<Ok<OtlpList<SpanView>>, ProblemHttpResult> Spans([AsParameters] SpanQuery query, CaptureStore store)
    {
        if (query.Common.Check() is { } problem)
            return problem;
        return TypedResults.Ok(SpanList(query, store)(query.After, query.Common.PageSize));
    }

    internal static Results<Ok<OtlpList<MetricPointView>>, ProblemHttpResult> Metrics([AsParameters] MetricQuery query, CaptureStore store)
    {
        if (query.Common.Check() is { } problem)
            return problem;
        return TypedResults.Ok(MetricList(query, store)(query.After, query.Common.PageSize));
    }

    internal static Results<Ok<OtlpList<LogView>>, ProblemHttpResult> Logs([AsParameters] LogQuery query, CaptureStore store)
    {
        if (query.Check() is { } problem)
            return problem;
        return TypedResults.Ok(LogList(query, store)(query.After, query.Common.PageSize));
    }

    internal static Task<Results<Ok<OtlpList<SpanView>>, ProblemHttpResult>> SpansWait(
        [AsParameters] SpanQuery query, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(query.Common.Check(), "spans", SpanList(query, store), query.Common, wait, store, time, options, cancellationToken);

    internal static Task<Results<Ok<OtlpList<MetricPointView>>, ProblemHttpResult>> MetricsWait(
        [AsParameters] MetricQuery query, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(query.Common.Check(), "metric data points", MetricList(query, store), query.Common, wait, store, time, options, cancellationToken);

    internal static Task<Results<Ok<OtlpList<LogView>>, ProblemHttpResult>> LogsWait(
        [AsParameters] LogQuery query, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken) =>
        WaitAsync(query.Check(), "log records", LogList(query, store), query.Common, wait, store, time, options, cancellationToken);

    private static async Task<Results<Ok<OtlpList<T>>, ProblemHttpResult>> WaitAsync<T>(
        ProblemHttpResult? invalid, string items, Func<long?, int, OtlpList<T>> list, ViewQuery query, WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken)
    {
        if (invalid is not null)
            return invalid;
        return await Waits.RunAsync(wait, query.After, items,
            countAfter: after =>
            {
                var arrived = list(after, 0);
                return (arrived.Total, arrived.LastSequence);
            },
            list: count => list(query.After, Math.Max(count, query.PageSize)),
            store, time, options.Value.Waits, cancellationToken);
    }

    /// <summary>The spans matching <paramref name="query"/>, from the captures after a sequence, at most a limit.</summary>
    private static Func<long?, int, OtlpList<SpanView>> SpanList(SpanQuery query, CaptureStore store) =>
        (after, limit) => Collect(store, CaptureKinds.Traces, query.Common, after, limit, OtlpViews.Spans, span =>
            (query.TraceId is null || span.TraceId.Equals(query.TraceId, StringComparison.OrdinalIgnoreCase))
            && (query.Name is null || span.Name == query.Name)
            && (query.Common.Service is null || OtlpViews.Service(span.Resource) == query.Common.Service));

    private static Func<long?, int, OtlpList<MetricPointView>> MetricList(MetricQuery query, CaptureStore store) =>
        (after, limit) => Collect(store, CaptureKinds.Metrics, query.Common, after, limit, OtlpViews.MetricPoints, point =>
            (query.Name is null || point.Name == query.Name)
            && (query.Common.Service is null || OtlpViews.Service(point.Resource) == query.Common.Service));

    private static Func<long?, int, OtlpList<LogView>> LogList(LogQuery query, CaptureStore store) =>
        (after, limit) => Collect(store, CaptureKinds.Logs, query.Common, after, limit, OtlpViews.Logs, log =>
            (query.MinSeverity is null || log.SeverityNumber >= query.MinSeverity)
            && (query.Contains is null || OtlpViews.BodyText(log).Contains(query.Contains, StringComparison.OrdinalIgnoreCase))
            && (query.Common.Service is null || OtlpViews.Service(log.Resource) == query.Common.Service));

    private static OtlpList<T> Collect<T>(
        CaptureStore store, string kind, ViewQuery query, long? after, int limit, Func<Capture.Capture, IEnumerable<T>> flatten, Func<T, bool> matches)
    {
        var page = store.Query(new CaptureFilter(kind, query.License, after, query.Namespace), int.MaxValue);
        var items = new List<T>();
        var total = 0;
        foreach (var capture in page.Items.Where(OtlpViews.Accepted))
        {
            foreach (var item in flatten(capture))
            {
                if (!matches(item))
                    continue;
                total++;
                if (items.Count < limit)
                    items.Add(item);
            }
        }
        return new OtlpList<T>(items, total, page.LastSequence);
    }
}

/// <summary>The filters every view shares.</summary>
public sealed record ViewQuery(string? Service, string? License, string? Namespace, long? After, int? Limit)
{
    public int PageSize => Limit ?? CaptureEndpoints.DefaultLimit;

    public ProblemHttpResult? Check() => CaptureEndpoints.CheckPage(Limit, After);
}

public sealed record SpanQuery(
    [property: FromQuery(Name = "traceId"), Description("Only spans of this trace (hex, any case)")] string? TraceId,
    [property: FromQuery(Name = "name"), Description("Only spans with this name")] string? Name,
    [property: FromQuery(Name = "service"), Description("Only items whose resource has this service.name")] string? Service,
    [property: FromQuery(Name = "license"), Description("Only items from exports that carried this license")] string? License,
    [property: FromQuery(Name = "namespace"), Description("Only items from exports sent under /ns/{namespace}")] string? Namespace,
    [property: FromQuery(Name = "after"), Description("Only items from captures with a sequence greater than this")] long? After,
    [property: FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")] int? Limit)
{
    public ViewQuery Common => new(Service, License, Namespace, After, Limit);
}

public sealed record MetricQuery(
    [property: FromQuery(Name = "name"), Description("Only points of the metric with this name")] string? Name,
    [property: FromQuery(Name = "service"), Description("Only items whose resource has this service.name")] string? Service,
    [property: FromQuery(Name = "license"), Description("Only items from exports that carried this license")] string? License,
    [property: FromQuery(Name = "namespace"), Description("Only items from exports sent under /ns/{namespace}")] string? Namespace,
    [property: FromQuery(Name = "after"), Description("Only items from captures with a sequence greater than this")] long? After,
    [property: FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")] int? Limit)
{
    public ViewQuery Common => new(Service, License, Namespace, After, Limit);
}

public sealed record LogQuery(
    [property: FromQuery(Name = "minSeverity"), Description("Only records with at least this SeverityNumber (9 info, 13 warn, 17 error)")] int? MinSeverity,
    [property: FromQuery(Name = "contains"), Description("Only records whose body contains this text, ignoring case")] string? Contains,
    [property: FromQuery(Name = "service"), Description("Only items whose resource has this service.name")] string? Service,
    [property: FromQuery(Name = "license"), Description("Only items from exports that carried this license")] string? License,
    [property: FromQuery(Name = "namespace"), Description("Only items from exports sent under /ns/{namespace}")] string? Namespace,
    [property: FromQuery(Name = "after"), Description("Only items from captures with a sequence greater than this")] long? After,
    [property: FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")] int? Limit)
{
    public ViewQuery Common => new(Service, License, Namespace, After, Limit);

    public ProblemHttpResult? Check() =>
        Common.Check() ?? (MinSeverity is < 0 or > 24
            ? Problems.Validation("minSeverity", $"must be a SeverityNumber between 0 and 24 (was {MinSeverity})")
            : null);
}

/// <param name="Total">How many items match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest capture sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
public sealed record OtlpList<T>(IReadOnlyList<T> Items, int Total, long LastSequence) : ICountedList;
