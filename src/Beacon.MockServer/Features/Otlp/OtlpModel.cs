using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Otlp.Model;

// One typed model of the three OTLP export requests, whichever encoding they arrived in. Protobuf is
// mapped into it (OtlpProtobuf), JSON is read into it directly (OtlpJson), and the capture's payload is
// this model written back as OTLP JSON. Ids are hex text, so that an id that breaks the rules (a
// documented sample has a 14-character spanId) can be kept as it was sent; OtlpInspection checks them.
// 64-bit integers are written as strings, as OTLP JSON does, and read from either strings or numbers.

/// <summary>
/// Every message keeps the JSON keys it did not know, so that they can be reported (the documented metrics
/// sample puts a Sum's fields on its data point). They are ignored otherwise, as OTLP says, and never written.
/// </summary>
public abstract class OtlpMessage
{
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Unknown { get; set; }

    /// <summary>The JSON names of this message's lists that held nulls, each read as an empty message (proto3 has no null item).</summary>
    [JsonIgnore]
    public List<string>? NullItems { get; set; }
}

public sealed class TracesData : OtlpMessage
{
    public List<ResourceSpans> ResourceSpans { get; set; } = [];
}

public sealed class MetricsData : OtlpMessage
{
    public List<ResourceMetrics> ResourceMetrics { get; set; } = [];
}

public sealed class LogsData : OtlpMessage
{
    public List<ResourceLogs> ResourceLogs { get; set; } = [];
}

public sealed class Resource : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = [];
    public uint DroppedAttributesCount { get; set; }
}

public sealed class InstrumentationScope : OtlpMessage
{
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public List<KeyValue> Attributes { get; set; } = [];
    public uint DroppedAttributesCount { get; set; }
}

public sealed class KeyValue : OtlpMessage
{
    public string Key { get; set; } = "";
    public AnyValue? Value { get; set; }
}

/// <summary>A oneof: exactly one property is set (none, for an empty value).</summary>
public sealed class AnyValue : OtlpMessage
{
    public string? StringValue { get; set; }
    public bool? BoolValue { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? IntValue { get; set; }

    public double? DoubleValue { get; set; }
    public ArrayValue? ArrayValue { get; set; }
    public KeyValueList? KvlistValue { get; set; }
    public byte[]? BytesValue { get; set; }
}

public sealed class ArrayValue : OtlpMessage
{
    public List<AnyValue> Values { get; set; } = [];
}

public sealed class KeyValueList : OtlpMessage
{
    public List<KeyValue> Values { get; set; } = [];
}

// --- traces ---

public sealed class ResourceSpans : OtlpMessage
{
    public Resource? Resource { get; set; }
    public List<ScopeSpans> ScopeSpans { get; set; } = [];
    public string SchemaUrl { get; set; } = "";
}

public sealed class ScopeSpans : OtlpMessage
{
    public InstrumentationScope? Scope { get; set; }
    public List<Span> Spans { get; set; } = [];
    public string SchemaUrl { get; set; } = "";
}

public sealed class Span : OtlpMessage
{
    public string TraceId { get; set; } = "";
    public string SpanId { get; set; } = "";
    public string TraceState { get; set; } = "";
    public string ParentSpanId { get; set; } = "";
    public uint Flags { get; set; }
    public string Name { get; set; } = "";

    /// <summary>SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</summary>
    public int Kind { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong EndTimeUnixNano { get; set; }

    public List<KeyValue> Attributes { get; set; } = [];
    public uint DroppedAttributesCount { get; set; }
    public List<SpanEvent> Events { get; set; } = [];
    public uint DroppedEventsCount { get; set; }
    public List<SpanLink> Links { get; set; } = [];
    public uint DroppedLinksCount { get; set; }
    public SpanStatus? Status { get; set; }
}

public sealed class SpanEvent : OtlpMessage
{
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    public string Name { get; set; } = "";
    public List<KeyValue> Attributes { get; set; } = [];
    public uint DroppedAttributesCount { get; set; }
}

public sealed class SpanLink : OtlpMessage
{
    public string TraceId { get; set; } = "";
    public string SpanId { get; set; } = "";
    public string TraceState { get; set; } = "";
    public List<KeyValue> Attributes { get; set; } = [];
    public uint DroppedAttributesCount { get; set; }
    public uint Flags { get; set; }
}

public sealed class SpanStatus : OtlpMessage
{
    public string Message { get; set; } = "";

    /// <summary>0 unset, 1 ok, 2 error.</summary>
    public int Code { get; set; }
}

// --- metrics ---

public sealed class ResourceMetrics : OtlpMessage
{
    public Resource? Resource { get; set; }
    public List<ScopeMetrics> ScopeMetrics { get; set; } = [];
    public string SchemaUrl { get; set; } = "";
}

public sealed class ScopeMetrics : OtlpMessage
{
    public InstrumentationScope? Scope { get; set; }
    public List<Metric> Metrics { get; set; } = [];
    public string SchemaUrl { get; set; } = "";
}

/// <summary>A oneof over its data: one of gauge, sum, histogram, exponentialHistogram, summary.</summary>
public sealed class Metric : OtlpMessage
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Unit { get; set; } = "";
    public Gauge? Gauge { get; set; }
    public Sum? Sum { get; set; }
    public Histogram? Histogram { get; set; }
    public ExponentialHistogram? ExponentialHistogram { get; set; }
    public Summary? Summary { get; set; }
    public List<KeyValue> Metadata { get; set; } = [];
}

public sealed class Gauge : OtlpMessage
{
    public List<NumberDataPoint> DataPoints { get; set; } = [];
}

public sealed class Sum : OtlpMessage
{
    public List<NumberDataPoint> DataPoints { get; set; } = [];

    /// <summary>0 unspecified, 1 delta, 2 cumulative.</summary>
    public int AggregationTemporality { get; set; }

    public bool IsMonotonic { get; set; }
}

public sealed class Histogram : OtlpMessage
{
    public List<HistogramDataPoint> DataPoints { get; set; } = [];
    public int AggregationTemporality { get; set; }
}

public sealed class ExponentialHistogram : OtlpMessage
{
    public List<ExponentialHistogramDataPoint> DataPoints { get; set; } = [];
    public int AggregationTemporality { get; set; }
}

public sealed class Summary : OtlpMessage
{
    public List<SummaryDataPoint> DataPoints { get; set; } = [];
}

/// <summary>A point of a gauge or sum; its value is a oneof of asDouble and asInt.</summary>
public sealed class NumberDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = [];

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    public double? AsDouble { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? AsInt { get; set; }

    public List<Exemplar> Exemplars { get; set; } = [];
    public uint Flags { get; set; }
}

public sealed class HistogramDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = [];

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong Count { get; set; }

    public double? Sum { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public List<ulong> BucketCounts { get; set; } = [];

    public List<double> ExplicitBounds { get; set; } = [];
    public List<Exemplar> Exemplars { get; set; } = [];
    public uint Flags { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
}

public sealed class ExponentialHistogramDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = [];

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong Count { get; set; }

    public double? Sum { get; set; }
    public int Scale { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong ZeroCount { get; set; }

    public Buckets? Positive { get; set; }
    public Buckets? Negative { get; set; }
    public uint Flags { get; set; }
    public List<Exemplar> Exemplars { get; set; } = [];
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double ZeroThreshold { get; set; }
}

public sealed class Buckets : OtlpMessage
{
    public int Offset { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public List<ulong> BucketCounts { get; set; } = [];
}

public sealed class SummaryDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = [];

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong Count { get; set; }

    public double Sum { get; set; }
    public List<ValueAtQuantile> QuantileValues { get; set; } = [];
    public uint Flags { get; set; }
}

[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class ValueAtQuantile : OtlpMessage
{
    public double Quantile { get; set; }
    public double Value { get; set; }
}

public sealed class Exemplar : OtlpMessage
{
    public List<KeyValue> FilteredAttributes { get; set; } = [];

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    public double? AsDouble { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? AsInt { get; set; }

    public string SpanId { get; set; } = "";
    public string TraceId { get; set; } = "";
}

// --- logs ---

public sealed class ResourceLogs : OtlpMessage
{
    public Resource? Resource { get; set; }
    public List<ScopeLogs> ScopeLogs { get; set; } = [];
    public string SchemaUrl { get; set; } = "";
}

public sealed class ScopeLogs : OtlpMessage
{
    public InstrumentationScope? Scope { get; set; }
    public List<LogRecord> LogRecords { get; set; } = [];
    public string SchemaUrl { get; set; } = "";
}

public sealed class LogRecord : OtlpMessage
{
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong ObservedTimeUnixNano { get; set; }

    /// <summary>1-24: TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL 21-24; 0 unspecified.</summary>
    public int SeverityNumber { get; set; }

    public string SeverityText { get; set; } = "";
    public AnyValue? Body { get; set; }
    public List<KeyValue> Attributes { get; set; } = [];
    public uint DroppedAttributesCount { get; set; }
    public uint Flags { get; set; }
    public string TraceId { get; set; } = "";
    public string SpanId { get; set; } = "";
    public string EventName { get; set; } = "";
}
