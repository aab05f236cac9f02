using System.ComponentModel;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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
        return group;
    }

    internal static Results<Ok<OtlpList<SpanView>>, ProblemHttpResult> Spans([AsParameters] SpanQuery query, CaptureStore store)
    {
        if (query.Common.Check() is { } problem)
            return problem;
        return TypedResults.Ok(List(store, CaptureKinds.Traces, query.Common, OtlpViews.Spans, span =>
            (query.TraceId is null || span.TraceId.Equals(query.TraceId, StringComparison.OrdinalIgnoreCase))
            && (query.Name is null || span.Name == query.Name)
            && (query.Common.Service is null || OtlpViews.Service(span.Resource) == query.Common.Service)));
    }

    internal static Results<Ok<OtlpList<MetricPointView>>, ProblemHttpResult> Metrics([AsParameters] MetricQuery query, CaptureStore store)
    {
        if (query.Common.Check() is { } problem)
            return problem;
        return TypedResults.Ok(List(store, CaptureKinds.Metrics, query.Common, OtlpViews.MetricPoints, point =>
            (query.Name is null || point.Name == query.Name)
            && (query.Common.Service is null || OtlpViews.Service(point.Resource) == query.Common.Service)));
    }

    internal static Results<Ok<OtlpList<LogView>>, ProblemHttpResult> Logs([AsParameters] LogQuery query, CaptureStore store)
    {
        if (query.Common.Check() is { } problem)
            return problem;
        if (query.MinSeverity is < 0 or > 24)
            return Problems.Validation("minSeverity", $"must be a SeverityNumber between 0 and 24 (was {query.MinSeverity})");
        return TypedResults.Ok(List(store, CaptureKinds.Logs, query.Common, OtlpViews.Logs, log =>
            (query.MinSeverity is null || log.SeverityNumber >= query.MinSeverity)
            && (query.Contains is null || OtlpViews.BodyText(log).Contains(query.Contains, StringComparison.OrdinalIgnoreCase))
            && (query.Common.Service is null || OtlpViews.Service(log.Resource) == query.Common.Service)));
    }

    private static OtlpList<T> List<T>(CaptureStore store, string kind, ViewQuery query, Func<Capture.Capture, IEnumerable<T>> flatten, Func<T, bool> matches)
    {
        var page = store.Query(new CaptureFilter(kind, query.License, query.After, query.Namespace), int.MaxValue);
        var limit = query.Limit ?? CaptureEndpoints.DefaultLimit;
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
    public ProblemHttpResult? Check() =>
        Limit is < 1 or > CaptureEndpoints.MaxLimit ? Problems.Validation("limit", $"must be between 1 and {CaptureEndpoints.MaxLimit} (was {Limit})")
        : After is < 0 ? Problems.Validation("after", $"must not be negative (was {After})")
        : null;
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
}

/// <param name="Total">How many items match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest capture sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
public sealed record OtlpList<T>(IReadOnlyList<T> Items, int Total, long LastSequence);
