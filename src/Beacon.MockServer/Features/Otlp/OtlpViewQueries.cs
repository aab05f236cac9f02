using System.ComponentModel;
using Beacon.MockServer.Api;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>The filters every view shares, bound beside the view's own and <see cref="Paging"/>.</summary>
internal sealed record ViewFilters
{
    [FromQuery(Name = "service"), Description("Only items whose resource has this service.name")]
    public string? Service { get; init; }

    [FromQuery(Name = "license"), Description("Only items from exports that carried this license")]
    public string? License { get; init; }

    [FromQuery(Name = "namespace"), Description("Only items from exports sent under /ns/{namespace}")]
    public string? Namespace { get; init; }

    /// <summary>The captures whose items the view lists.</summary>
    public CaptureFilter Captures(OtlpSignal signal, Paging paging) => new(signal.Kind.Name, License, paging.After, Namespace);
}

internal sealed record SpanQuery
{
    [FromQuery(Name = "traceId"), Description("Only spans of this trace: 32 hex digits, any case")]
    public string? TraceId { get; init; }

    [FromQuery(Name = "spanId"), Description("Only the span with this id: 16 hex digits, any case")]
    public string? SpanId { get; init; }

    [FromQuery(Name = "parentSpanId"), Description("Only the children of this span: 16 hex digits, any case")]
    public string? ParentSpanId { get; init; }

    [FromQuery(Name = "name"), Description("Only spans with this name")]
    public string? Name { get; init; }

    public ProblemHttpResult? Check() => HexIds.Check(("traceId", TraceId, 32), ("spanId", SpanId, 16), ("parentSpanId", ParentSpanId, 16));
}

internal sealed record MetricQuery
{
    [FromQuery(Name = "name"), Description("Only points of the metric with this name")]
    public string? Name { get; init; }
}

internal sealed record LogQuery
{
    [FromQuery(Name = "minSeverity"), Description("Only records with at least this SeverityNumber (9 info, 13 warn, 17 error)")]
    public int? MinSeverity { get; init; }

    [FromQuery(Name = "contains"), Description("Only records whose body contains this text, ignoring case")]
    public string? Contains { get; init; }

    [FromQuery(Name = "traceId"), Description("Only records of this trace: 32 hex digits, any case")]
    public string? TraceId { get; init; }

    [FromQuery(Name = "spanId"), Description("Only records of this span: 16 hex digits, any case")]
    public string? SpanId { get; init; }

    public ProblemHttpResult? Check() =>
        MinSeverity is < 0 or > 24
            ? Problems.Validation("minSeverity", $"must be a SeverityNumber between 0 and 24 (was {MinSeverity})")
            : HexIds.Check(("traceId", TraceId, 32), ("spanId", SpanId, 16));
}

/// <summary>The id filters: hex of an id's length, or a filter that could match nothing is refused rather than answered empty.</summary>
internal static class HexIds
{
    public static ProblemHttpResult? Check(params ReadOnlySpan<(string Name, string? Value, int Digits)> ids)
    {
        var errors = new ValidationErrors();
        foreach (var (name, value, digits) in ids)
        {
            if (value is not null && (value.Length != digits || !value.All(char.IsAsciiHexDigit)))
                errors.Add(name, $"must be {digits} hex digits, as an OTLP {(digits == 32 ? "trace" : "span")} id is (was '{value}')");
        }
        return errors.Any ? errors.ToProblem() : null;
    }
}
