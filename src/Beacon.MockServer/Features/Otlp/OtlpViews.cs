using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Beacon.MockServer.Features.Otlp.Model;

namespace Beacon.MockServer.Features.Otlp;

// The flattened views of captured OTLP: one item per span, data point or log record, carrying what a
// test asserts on (attributes as a JSON object, times in ISO 8601 as well as Unix nanoseconds, the
// resource's attributes, the scope) and the sequence of the capture it came from.

/// <summary>Turns captures into view items; the filters belong to the caller.</summary>
public static class OtlpViews
{
    /// <summary>Only captures whose export was decoded and not refused: those still being answered count.</summary>
    public static bool Accepted(Capture.Capture capture) =>
        capture.Status is null or (>= 200 and < 300)
        && capture.Payload is { } payload && !payload.Utf8.IsEmpty && payload.Utf8.Span[0] == (byte)'{';

    public static IEnumerable<SpanView> Spans(Capture.Capture capture)
    {
        var data = JsonSerializer.Deserialize(capture.Payload!.Utf8.Span, OtlpJson.Traces)!;
        foreach (var resource in data.ResourceSpans)
        {
            var resourceView = Attributes(resource.Resource?.Attributes);
            foreach (var scope in resource.ScopeSpans)
            {
                var scopeView = ScopeView.Of(scope.Scope);
                foreach (var span in scope.Spans)
                {
                    yield return new SpanView(
                        capture.Sequence, span.TraceId, span.SpanId, span.ParentSpanId, span.TraceState, span.Flags, span.Name, span.Kind,
                        Time(span.StartTimeUnixNano), span.StartTimeUnixNano, Time(span.EndTimeUnixNano), span.EndTimeUnixNano,
                        new StatusView(span.Status?.Code ?? 0, span.Status?.Message ?? ""),
                        Attributes(span.Attributes),
                        [.. span.Events.Select(e => new EventView(e.Name, Time(e.TimeUnixNano), e.TimeUnixNano, Attributes(e.Attributes)))],
                        [.. span.Links.Select(l => new LinkView(l.TraceId, l.SpanId, l.TraceState, Attributes(l.Attributes)))],
                        resourceView, scopeView);
                }
            }
        }
    }

    public static IEnumerable<MetricPointView> MetricPoints(Capture.Capture capture)
    {
        var data = JsonSerializer.Deserialize(capture.Payload!.Utf8.Span, OtlpJson.Metrics)!;
        foreach (var resource in data.ResourceMetrics)
        {
            var resourceView = Attributes(resource.Resource?.Attributes);
            foreach (var scope in resource.ScopeMetrics)
            {
                var scopeView = ScopeView.Of(scope.Scope);
                foreach (var metric in scope.Metrics)
                {
                    var point = new MetricPointView(capture.Sequence, metric.Name, metric.Unit, metric.Description, "", resourceView, scopeView);
                    foreach (var p in metric.Gauge?.DataPoints ?? [])
                        yield return Number(point with { Type = "gauge" }, p);
                    foreach (var p in metric.Sum?.DataPoints ?? [])
                        yield return Number(point with { Type = "sum", Temporality = Temporality(metric.Sum!.AggregationTemporality), Monotonic = metric.Sum.IsMonotonic }, p);
                    foreach (var p in metric.Histogram?.DataPoints ?? [])
                        yield return Times(point, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
                        {
                            Type = "histogram",
                            Temporality = Temporality(metric.Histogram!.AggregationTemporality),
                            Count = p.Count, Sum = p.Sum, Min = p.Min, Max = p.Max,
                            BucketCounts = p.BucketCounts, ExplicitBounds = p.ExplicitBounds, Exemplars = p.Exemplars.Count,
                        };
                    foreach (var p in metric.ExponentialHistogram?.DataPoints ?? [])
                        yield return Times(point, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
                        {
                            Type = "exponentialHistogram",
                            Temporality = Temporality(metric.ExponentialHistogram!.AggregationTemporality),
                            Count = p.Count, Sum = p.Sum, Min = p.Min, Max = p.Max,
                            Scale = p.Scale, ZeroCount = p.ZeroCount, ZeroThreshold = p.ZeroThreshold,
                            Positive = BucketsView.Of(p.Positive), Negative = BucketsView.Of(p.Negative), Exemplars = p.Exemplars.Count,
                        };
                    foreach (var p in metric.Summary?.DataPoints ?? [])
                        yield return Times(point, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
                        {
                            Type = "summary",
                            Count = p.Count, Sum = p.Sum,
                            Quantiles = p.QuantileValues,
                        };
                }
            }
        }
    }

    public static IEnumerable<LogView> Logs(Capture.Capture capture)
    {
        var data = JsonSerializer.Deserialize(capture.Payload!.Utf8.Span, OtlpJson.Logs)!;
        foreach (var resource in data.ResourceLogs)
        {
            var resourceView = Attributes(resource.Resource?.Attributes);
            foreach (var scope in resource.ScopeLogs)
            {
                var scopeView = ScopeView.Of(scope.Scope);
                foreach (var log in scope.LogRecords)
                {
                    yield return new LogView(
                        capture.Sequence, Time(log.TimeUnixNano), log.TimeUnixNano, Time(log.ObservedTimeUnixNano), log.ObservedTimeUnixNano,
                        log.SeverityNumber, log.SeverityText, Value(log.Body), Attributes(log.Attributes),
                        log.TraceId, log.SpanId, log.EventName, log.Flags, resourceView, scopeView);
                }
            }
        }
    }

    /// <summary>The resource attribute <c>service.name</c>, when it is a string.</summary>
    public static string? Service(JsonObject resource) =>
        resource["service.name"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    /// <summary>A log body as text, for <c>contains</c>: a string as it is, anything else as its JSON.</summary>
    public static string BodyText(LogView log) =>
        log.Body is JsonValue value && value.TryGetValue<string>(out var text) ? text : log.Body?.ToJsonString() ?? "";

    private static MetricPointView Number(MetricPointView point, NumberDataPoint p) =>
        Times(point, p.StartTimeUnixNano, p.TimeUnixNano, p.Attributes) with
        {
            Value = p.AsDouble ?? p.AsInt,
            AsDouble = p.AsDouble,
            AsInt = p.AsInt,
            Exemplars = p.Exemplars.Count,
        };

    private static MetricPointView Times(MetricPointView point, ulong start, ulong time, List<KeyValue> attributes) =>
        point with { StartTime = Time(start), StartTimeUnixNano = start, Time = Time(time), TimeUnixNano = time, Attributes = Attributes(attributes) };

    private static string? Temporality(int value) => value switch
    {
        1 => "delta",
        2 => "cumulative",
        _ => "unspecified",
    };

    /// <summary>Unix nanoseconds as a time (to the 100 ns a DateTimeOffset holds); null for 0, which OTLP uses for "unset".</summary>
    private static DateTimeOffset? Time(ulong unixNanos) =>
        unixNanos == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));

    /// <summary>Attributes as one JSON object; a repeated key keeps its last value.</summary>
    public static JsonObject Attributes(List<KeyValue>? attributes)
    {
        var json = new JsonObject();
        foreach (var pair in attributes ?? [])
            json[pair.Key] = Value(pair.Value);
        return json;
    }

    /// <summary>
    /// An AnyValue as plain JSON: strings, booleans and numbers as themselves, arrays as arrays, key-value
    /// lists as objects, bytes as base64 text. A double that JSON cannot hold (NaN, infinities) becomes its name.
    /// </summary>
    public static JsonNode? Value(AnyValue? value) => value switch
    {
        null => null,
        { StringValue: { } text } => JsonValue.Create(text),
        { BoolValue: { } flag } => JsonValue.Create(flag),
        { IntValue: { } number } => JsonValue.Create(number),
        { DoubleValue: { } number } => double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        { ArrayValue: { } array } => new JsonArray([.. array.Values.Select(Value)]),
        { KvlistValue: { } list } => Attributes(list.Values),
        { BytesValue: { } bytes } => JsonValue.Create(Convert.ToBase64String(bytes)),
        _ => null,
    };
}

/// <summary>A span, flattened.</summary>
/// <param name="Sequence">The capture it arrived in.</param>
/// <param name="Kind">SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</param>
public sealed record SpanView(
    long Sequence, string TraceId, string SpanId, string ParentSpanId, string TraceState, uint Flags, string Name, int Kind,
    DateTimeOffset? StartTime, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong StartTimeUnixNano,
    DateTimeOffset? EndTime, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong EndTimeUnixNano,
    StatusView Status, JsonObject Attributes, IReadOnlyList<EventView> Events, IReadOnlyList<LinkView> Links,
    JsonObject Resource, ScopeView Scope);

/// <param name="Code">0 unset, 1 ok, 2 error.</param>
public sealed record StatusView(int Code, string Message);

public sealed record EventView(string Name, DateTimeOffset? Time, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong TimeUnixNano, JsonObject Attributes);

public sealed record LinkView(string TraceId, string SpanId, string TraceState, JsonObject Attributes);

public sealed record ScopeView(string Name, string Version)
{
    public static ScopeView Of(InstrumentationScope? scope) => new(scope?.Name ?? "", scope?.Version ?? "");
}

/// <summary>
/// One data point of a metric, flattened. A double JSON cannot hold (NaN, infinities) is written as its
/// name, as OTLP JSON does. <see cref="Type"/> says which of the other fields apply: <c>value</c>
/// for gauge and sum; count, sum, min, max and buckets for the histograms; quantiles for summary.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record MetricPointView(long Sequence, string Name, string Unit, string Description, string Type, JsonObject Resource, ScopeView Scope)
{
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
public sealed record BucketsView(int Offset, IReadOnlyList<ulong> BucketCounts)
{
    public static BucketsView? Of(Buckets? buckets) => buckets is null ? null : new(buckets.Offset, buckets.BucketCounts);
}

/// <summary>A log record, flattened. The body is plain JSON: see <see cref="OtlpViews.Value"/>.</summary>
public sealed record LogView(
    long Sequence, DateTimeOffset? Time, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong TimeUnixNano,
    DateTimeOffset? ObservedTime, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong ObservedTimeUnixNano,
    int SeverityNumber, string SeverityText, JsonNode? Body, JsonObject Attributes,
    string TraceId, string SpanId, string EventName, uint Flags, JsonObject Resource, ScopeView Scope);
