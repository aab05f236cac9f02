using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Otlp.Model;

// Metrics: ExportMetricsServiceRequest and what it holds.

internal sealed class ResourceMetrics : OtlpMessage
{
    public Resource? Resource { get; set; }
    public List<ScopeMetrics> ScopeMetrics { get; set; } = Shared<ScopeMetrics>.Empty;
    public string SchemaUrl { get; set; } = "";
}

internal sealed class ScopeMetrics : OtlpMessage
{
    public InstrumentationScope? Scope { get; set; }
    public List<Metric> Metrics { get; set; } = Shared<Metric>.Empty;
    public string SchemaUrl { get; set; } = "";
}

/// <summary>A oneof over its data: one of gauge, sum, histogram, exponentialHistogram, summary.</summary>
internal sealed class Metric : OtlpMessage
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Unit { get; set; } = "";
    public Gauge? Gauge { get; set; }
    public Sum? Sum { get; set; }
    public Histogram? Histogram { get; set; }
    public ExponentialHistogram? ExponentialHistogram { get; set; }
    public Summary? Summary { get; set; }
    public List<KeyValue> Metadata { get; set; } = Shared<KeyValue>.Empty;
}

internal sealed class Gauge : OtlpMessage
{
    public List<NumberDataPoint> DataPoints { get; set; } = Shared<NumberDataPoint>.Empty;
}

internal sealed class Sum : OtlpMessage
{
    public List<NumberDataPoint> DataPoints { get; set; } = Shared<NumberDataPoint>.Empty;

    /// <summary>0 unspecified, 1 delta, 2 cumulative.</summary>
    public int AggregationTemporality { get; set; }

    public bool IsMonotonic { get; set; }
}

internal sealed class Histogram : OtlpMessage
{
    public List<HistogramDataPoint> DataPoints { get; set; } = Shared<HistogramDataPoint>.Empty;
    public int AggregationTemporality { get; set; }
}

internal sealed class ExponentialHistogram : OtlpMessage
{
    public List<ExponentialHistogramDataPoint> DataPoints { get; set; } = Shared<ExponentialHistogramDataPoint>.Empty;
    public int AggregationTemporality { get; set; }
}

internal sealed class Summary : OtlpMessage
{
    public List<SummaryDataPoint> DataPoints { get; set; } = Shared<SummaryDataPoint>.Empty;
}

/// <summary>A point of a gauge or sum; its value is a oneof of asDouble and asInt.</summary>
internal sealed class NumberDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    public double? AsDouble { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? AsInt { get; set; }

    public List<Exemplar> Exemplars { get; set; } = Shared<Exemplar>.Empty;
    public uint Flags { get; set; }
}

internal sealed class HistogramDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong Count { get; set; }

    public double? Sum { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public List<ulong> BucketCounts { get; set; } = Shared<ulong>.Empty;

    public List<double> ExplicitBounds { get; set; } = Shared<double>.Empty;
    public List<Exemplar> Exemplars { get; set; } = Shared<Exemplar>.Empty;
    public uint Flags { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
}

internal sealed class ExponentialHistogramDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;

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
    public List<Exemplar> Exemplars { get; set; } = Shared<Exemplar>.Empty;
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double ZeroThreshold { get; set; }
}

internal sealed class Buckets : OtlpMessage
{
    public int Offset { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public List<ulong> BucketCounts { get; set; } = Shared<ulong>.Empty;
}

internal sealed class SummaryDataPoint : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong Count { get; set; }

    public double Sum { get; set; }
    public List<ValueAtQuantile> QuantileValues { get; set; } = Shared<ValueAtQuantile>.Empty;
    public uint Flags { get; set; }
}

[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
internal sealed class ValueAtQuantile : OtlpMessage
{
    public double Quantile { get; set; }
    public double Value { get; set; }
}

internal sealed class Exemplar : OtlpMessage
{
    public List<KeyValue> FilteredAttributes { get; set; } = Shared<KeyValue>.Empty;

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    public double? AsDouble { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? AsInt { get; set; }

    public string SpanId { get; set; } = "";
    public string TraceId { get; set; } = "";
}
