using Beacon.MockServer.Features.Otlp.Model;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>Protobuf metrics into the model: the five kinds of data and their points.</summary>
internal static partial class OtlpProtobuf
{
    private static ResourceMetrics Map(Wire.ResourceMetrics item) => new()
    {
        Resource = Map(item.Resource),
        ScopeMetrics = Map(item.ScopeMetrics, Map),
        SchemaUrl = item.SchemaUrl,
    };

    private static ScopeMetrics Map(Wire.ScopeMetrics item) => new()
    {
        Scope = Map(item.Scope),
        Metrics = Map(item.Metrics, Map),
        SchemaUrl = item.SchemaUrl,
    };

    private static Metric Map(Wire.Metric metric) => new()
    {
        Name = metric.Name,
        Description = metric.Description,
        Unit = metric.Unit,
        Gauge = metric.Gauge is { } gauge ? new Gauge { DataPoints = Map(gauge.DataPoints, Map) } : null,
        Sum = metric.Sum is { } sum ? new Sum
        {
            DataPoints = Map(sum.DataPoints, Map),
            AggregationTemporality = sum.AggregationTemporality,
            IsMonotonic = sum.IsMonotonic,
        } : null,
        Histogram = metric.Histogram is { } histogram ? new Histogram
        {
            DataPoints = Map(histogram.DataPoints, Map),
            AggregationTemporality = histogram.AggregationTemporality,
        } : null,
        ExponentialHistogram = metric.ExponentialHistogram is { } exponential ? new ExponentialHistogram
        {
            DataPoints = Map(exponential.DataPoints, Map),
            AggregationTemporality = exponential.AggregationTemporality,
        } : null,
        Summary = metric.Summary is { } summary ? new Summary { DataPoints = Map(summary.DataPoints, Map) } : null,
        Metadata = Map(metric.Metadata, Map),
    };

    private static NumberDataPoint Map(Wire.NumberDataPoint point) => new()
    {
        Attributes = Map(point.Attributes, Map),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        AsDouble = point.ValueCase == Wire.NumberDataPoint.ValueOneofCase.AsDouble ? point.AsDouble : null,
        AsInt = point.ValueCase == Wire.NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : null,
        Exemplars = Map(point.Exemplars, Map),
        Flags = point.Flags,
    };

    private static HistogramDataPoint Map(Wire.HistogramDataPoint point) => new()
    {
        Attributes = Map(point.Attributes, Map),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        Count = point.Count,
        Sum = point.HasSum ? point.Sum : null,
        BucketCounts = point.BucketCounts.Count == 0 ? Shared<ulong>.Empty : [.. point.BucketCounts],
        ExplicitBounds = point.ExplicitBounds.Count == 0 ? Shared<double>.Empty : [.. point.ExplicitBounds],
        Exemplars = Map(point.Exemplars, Map),
        Flags = point.Flags,
        Min = point.HasMin ? point.Min : null,
        Max = point.HasMax ? point.Max : null,
    };

    private static ExponentialHistogramDataPoint Map(Wire.ExponentialHistogramDataPoint point) => new()
    {
        Attributes = Map(point.Attributes, Map),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        Count = point.Count,
        Sum = point.HasSum ? point.Sum : null,
        Scale = point.Scale,
        ZeroCount = point.ZeroCount,
        Positive = Map(point.Positive),
        Negative = Map(point.Negative),
        Flags = point.Flags,
        Exemplars = Map(point.Exemplars, Map),
        Min = point.HasMin ? point.Min : null,
        Max = point.HasMax ? point.Max : null,
        ZeroThreshold = point.ZeroThreshold,
    };

    private static Buckets? Map(Wire.ExponentialHistogramDataPoint.Types.Buckets? buckets) =>
        buckets is null ? null : new() { Offset = buckets.Offset, BucketCounts = buckets.BucketCounts.Count == 0 ? Shared<ulong>.Empty : [.. buckets.BucketCounts] };

    private static SummaryDataPoint Map(Wire.SummaryDataPoint point) => new()
    {
        Attributes = Map(point.Attributes, Map),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        Count = point.Count,
        Sum = point.Sum,
        QuantileValues = Map(point.QuantileValues, q => new ValueAtQuantile { Quantile = q.Quantile, Value = q.Value }),
        Flags = point.Flags,
    };

    private static Exemplar Map(Wire.Exemplar exemplar) => new()
    {
        FilteredAttributes = Map(exemplar.FilteredAttributes, Map),
        TimeUnixNano = exemplar.TimeUnixNano,
        AsDouble = exemplar.ValueCase == Wire.Exemplar.ValueOneofCase.AsDouble ? exemplar.AsDouble : null,
        AsInt = exemplar.ValueCase == Wire.Exemplar.ValueOneofCase.AsInt ? exemplar.AsInt : null,
        SpanId = Hex(exemplar.SpanId),
        TraceId = Hex(exemplar.TraceId),
    };
}
