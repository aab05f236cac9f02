using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Beacon.MockServer.Features.Otlp.Model;

namespace Beacon.MockServer.Features.Otlp;

// The flattened views of captured OTLP: one item per span, data point or log record, carrying what a test
// asserts on (attributes as a JSON object, times in ISO 8601 as well as Unix nanoseconds, the resource's
// attributes, the scope) and the sequence of the capture it came from.

/// <summary>A span, flattened.</summary>
/// <param name="Sequence">The capture it arrived in.</param>
/// <param name="Kind">SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</param>
internal sealed record SpanView(
    long Sequence, string TraceId, string SpanId, string ParentSpanId, string TraceState, uint Flags, string Name, int Kind,
    DateTimeOffset? StartTime, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong StartTimeUnixNano,
    DateTimeOffset? EndTime, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong EndTimeUnixNano,
    StatusView Status, JsonObject Attributes, IReadOnlyList<EventView> Events, IReadOnlyList<LinkView> Links,
    JsonObject Resource, ScopeView Scope)
{
    public static SpanView Of(OtlpItem<Span> item)
    {
        var span = item.Value;
        return new(
            item.Sequence, span.TraceId, span.SpanId, span.ParentSpanId, span.TraceState, span.Flags, span.Name, span.Kind,
            OtlpValues.Time(span.StartTimeUnixNano), span.StartTimeUnixNano, OtlpValues.Time(span.EndTimeUnixNano), span.EndTimeUnixNano,
            new StatusView(span.Status?.Code ?? 0, span.Status?.Message ?? ""),
            OtlpValues.Attributes(span.Attributes),
            [.. span.Events.Select(e => new EventView(e.Name, OtlpValues.Time(e.TimeUnixNano), e.TimeUnixNano, OtlpValues.Attributes(e.Attributes)))],
            [.. span.Links.Select(l => new LinkView(l.TraceId, l.SpanId, l.TraceState, OtlpValues.Attributes(l.Attributes)))],
            OtlpValues.Attributes(item.Resource?.Attributes), ScopeView.Of(item.Scope));
    }
}

/// <param name="Code">0 unset, 1 ok, 2 error.</param>
internal sealed record StatusView(int Code, string Message);

internal sealed record EventView(string Name, DateTimeOffset? Time, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong TimeUnixNano, JsonObject Attributes);

internal sealed record LinkView(string TraceId, string SpanId, string TraceState, JsonObject Attributes);

internal sealed record ScopeView(string Name, string Version)
{
    public static ScopeView Of(InstrumentationScope? scope) => new(scope?.Name ?? "", scope?.Version ?? "");
}

/// <summary>
/// One data point of a metric, flattened. A double JSON cannot hold (NaN, infinities) is written as its
/// name, as OTLP JSON does. Its type says which of the other fields apply: <c>value</c>
/// for gauge and sum; count, sum, min, max and buckets for the histograms; quantiles for summary.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
internal sealed record MetricPointView(long Sequence, string Name, string Unit, string Description, string Type, JsonObject Resource, ScopeView Scope)
{
    public static MetricPointView Of(OtlpItem<MetricPoint> item)
    {
        var (metric, type, point) = item.Value;
        var view = new MetricPointView(item.Sequence, metric.Name, metric.Unit, metric.Description, "", OtlpValues.Attributes(item.Resource?.Attributes), ScopeView.Of(item.Scope));
        return point switch
        {
            NumberDataPoint p when type == "sum" =>
                Number(view with { Type = "sum", Temporality = OtlpValues.Temporality(metric.Sum!.AggregationTemporality), Monotonic = metric.Sum.IsMonotonic }, p),
            NumberDataPoint p => Number(view with { Type = "gauge" }, p),
            HistogramDataPoint p => Times(view, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
            {
                Type = "histogram",
                Temporality = OtlpValues.Temporality(metric.Histogram!.AggregationTemporality),
                Count = p.Count, Sum = p.Sum, Min = p.Min, Max = p.Max,
                BucketCounts = p.BucketCounts, ExplicitBounds = p.ExplicitBounds, Exemplars = p.Exemplars.Count,
            },
            ExponentialHistogramDataPoint p => Times(view, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
            {
                Type = "exponentialHistogram",
                Temporality = OtlpValues.Temporality(metric.ExponentialHistogram!.AggregationTemporality),
                Count = p.Count, Sum = p.Sum, Min = p.Min, Max = p.Max,
                Scale = p.Scale, ZeroCount = p.ZeroCount, ZeroThreshold = p.ZeroThreshold,
                Positive = BucketsView.Of(p.Positive), Negative = BucketsView.Of(p.Negative), Exemplars = p.Exemplars.Count,
            },
            SummaryDataPoint p => Times(view, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
            {
                Type = "summary",
                Count = p.Count, Sum = p.Sum,
                Quantiles = p.QuantileValues,
            },
            _ => view,
        };
    }

    private static MetricPointView Number(MetricPointView view, NumberDataPoint p) =>
        Times(view, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
        {
            Value = p.AsDouble ?? p.AsInt,
            AsDouble = p.AsDouble,
            AsInt = p.AsInt,
            Exemplars = p.Exemplars.Count,
        };

    private static MetricPointView Times(MetricPointView view, ulong start, ulong time, List<KeyValue> attributes) =>
        view with { StartTime = OtlpValues.Time(start), StartTimeUnixNano = start, Time = OtlpValues.Time(time), TimeUnixNano = time, Attributes = OtlpValues.Attributes(attributes) };

    public JsonObject Attributes { get; init; } = [];

    public DateTimeOffset? StartTime { get; init; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public ulong StartTimeUnixNano { get; init; }

    public DateTimeOffset? Time { get; init; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public ulong TimeUnixNano { get; init; }

    /// <summary>delta, cumulative or unspecified, for sum and the histograms.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Temporality { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Monotonic { get; init; }

    /// <summary>The point's value as a number, whether it was sent as asDouble or asInt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AsDouble { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? AsInt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ulong? Count { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Sum { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Min { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Max { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ulong>? BucketCounts { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? ExplicitBounds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Scale { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ulong? ZeroCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ZeroThreshold { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BucketsView? Positive { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BucketsView? Negative { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ValueAtQuantile>? Quantiles { get; init; }

    /// <summary>How many exemplars the point carried.</summary>
    public int Exemplars { get; init; }
}

/// <summary>An exponential histogram's buckets: counts from bucket index <c>offset</c> upwards.</summary>
internal sealed record BucketsView(int Offset, IReadOnlyList<ulong> BucketCounts)
{
    public static BucketsView? Of(Buckets? buckets) => buckets is null ? null : new(buckets.Offset, buckets.BucketCounts);
}

/// <summary>A log record, flattened. The body is plain JSON: strings, numbers and booleans as themselves, arrays as arrays, key-value lists as objects, bytes as base64.</summary>
internal sealed record LogView(
    long Sequence, DateTimeOffset? Time, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong TimeUnixNano,
    DateTimeOffset? ObservedTime, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong ObservedTimeUnixNano,
    int SeverityNumber, string SeverityText, JsonNode? Body, JsonObject Attributes,
    string TraceId, string SpanId, string EventName, uint Flags, JsonObject Resource, ScopeView Scope)
{
    public static LogView Of(OtlpItem<LogRecord> item)
    {
        var log = item.Value;
        return new(
            item.Sequence, OtlpValues.Time(log.TimeUnixNano), log.TimeUnixNano, OtlpValues.Time(log.ObservedTimeUnixNano), log.ObservedTimeUnixNano,
            log.SeverityNumber, log.SeverityText, OtlpValues.Value(log.Body), OtlpValues.Attributes(log.Attributes),
            log.TraceId, log.SpanId, log.EventName, log.Flags, OtlpValues.Attributes(item.Resource?.Attributes), ScopeView.Of(item.Scope));
    }
}
