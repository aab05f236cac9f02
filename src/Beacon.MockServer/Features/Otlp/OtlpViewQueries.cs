using System.ComponentModel;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>The filters every view shares.</summary>
internal sealed record ViewQuery(string? Service, string? License, string? Namespace, long? After, int? Limit, string? Order)
{
    public int PageSize => Limit ?? CaptureEndpoints.DefaultLimit;

    /// <summary>Newest capture first, and within an export its last item first.</summary>
    public bool NewestFirst => Order == "desc";

    /// <summary>The captures whose items the view lists.</summary>
    public CaptureFilter Filter(OtlpSignal signal) => new(signal.Kind, License, After, Namespace);

    public ProblemHttpResult? Check() => CaptureEndpoints.CheckPage(Limit, After);
}

// Each view's query repeats the parameters every view takes (Common gathers them): [AsParameters] as the request
// delegate generator binds it reads only a type's own properties, so a shared base record would bind nothing.
internal sealed record SpanQuery
{
    [FromQuery(Name = "traceId"), Description("Only spans of this trace (hex, any case)")]
    public string? TraceId { get; init; }

    [FromQuery(Name = "name"), Description("Only spans with this name")]
    public string? Name { get; init; }

    [FromQuery(Name = "service"), Description("Only items whose resource has this service.name")]
    public string? Service { get; init; }

    [FromQuery(Name = "license"), Description("Only items from exports that carried this license")]
    public string? License { get; init; }

    [FromQuery(Name = "namespace"), Description("Only items from exports sent under /ns/{namespace}")]
    public string? Namespace { get; init; }

    [FromQuery(Name = "after"), Description("Only items from captures with a sequence greater than this")]
    public long? After { get; init; }

    [FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")]
    public int? Limit { get; init; }

    [FromQuery(Name = "order"), Description("asc: oldest first (the default); desc: newest first")]
    public string? Order { get; init; }

    public ViewQuery Common => new(Service, License, Namespace, After, Limit, Order);
}

internal sealed record MetricQuery
{
    [FromQuery(Name = "name"), Description("Only points of the metric with this name")]
    public string? Name { get; init; }

    [FromQuery(Name = "service"), Description("Only items whose resource has this service.name")]
    public string? Service { get; init; }

    [FromQuery(Name = "license"), Description("Only items from exports that carried this license")]
    public string? License { get; init; }

    [FromQuery(Name = "namespace"), Description("Only items from exports sent under /ns/{namespace}")]
    public string? Namespace { get; init; }

    [FromQuery(Name = "after"), Description("Only items from captures with a sequence greater than this")]
    public long? After { get; init; }

    [FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")]
    public int? Limit { get; init; }

    [FromQuery(Name = "order"), Description("asc: oldest first (the default); desc: newest first")]
    public string? Order { get; init; }

    public ViewQuery Common => new(Service, License, Namespace, After, Limit, Order);
}

internal sealed record LogQuery
{
    [FromQuery(Name = "minSeverity"), Description("Only records with at least this SeverityNumber (9 info, 13 warn, 17 error)")]
    public int? MinSeverity { get; init; }

    [FromQuery(Name = "contains"), Description("Only records whose body contains this text, ignoring case")]
    public string? Contains { get; init; }

    [FromQuery(Name = "service"), Description("Only items whose resource has this service.name")]
    public string? Service { get; init; }

    [FromQuery(Name = "license"), Description("Only items from exports that carried this license")]
    public string? License { get; init; }

    [FromQuery(Name = "namespace"), Description("Only items from exports sent under /ns/{namespace}")]
    public string? Namespace { get; init; }

    [FromQuery(Name = "after"), Description("Only items from captures with a sequence greater than this")]
    public long? After { get; init; }

    [FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")]
    public int? Limit { get; init; }

    [FromQuery(Name = "order"), Description("asc: oldest first (the default); desc: newest first")]
    public string? Order { get; init; }

    public ViewQuery Common => new(Service, License, Namespace, After, Limit, Order);

    public ProblemHttpResult? Check() =>
        Common.Check() ?? (MinSeverity is < 0 or > 24
            ? Problems.Validation("minSeverity", $"must be a SeverityNumber between 0 and 24 (was {MinSeverity})")
            : null);
}
