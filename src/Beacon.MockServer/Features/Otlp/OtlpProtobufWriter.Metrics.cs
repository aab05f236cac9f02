using Beacon.MockServer.Features.Otlp.Model;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>The model's metrics as protobuf: the five kinds of data and their points.</summary>
internal static partial class OtlpProtobufWriter
{
    private static Wire.ResourceMetrics Write(ResourceMetrics item)
    {
        var wire = new Wire.ResourceMetrics { Resource = Write(item.Resource), SchemaUrl = item.SchemaUrl };
        Add(wire.ScopeMetrics, item.ScopeMetrics, scope =>
        {
            var metrics = new Wire.ScopeMetrics { Scope = Write(scope.Scope), SchemaUrl = scope.SchemaUrl };
            Add(metrics.Metrics, scope.Metrics, Write);
            return metrics;
        });
        return wire;
    }

    private static Wire.Metric Write(Metric metric)
    {
        // OTLP's data is a oneof; a JSON export may name more than one, which protobuf cannot keep.
        if ((metric.Gauge is null ? 0 : 1) + (metric.Sum is null ? 0 : 1) + (metric.Histogram is null ? 0 : 1)
            + (metric.ExponentialHistogram is null ? 0 : 1) + (metric.Summary is null ? 0 : 1) > 1)
            throw new Lossy();
        var wire = new Wire.Metric { Name = metric.Name, Description = metric.Description, Unit = metric.Unit };
        Add(wire.Metadata, metric.Metadata, Write);
        if (metric.Gauge is { } gauge)
        {
            wire.Gauge = new Wire.Gauge();
            Add(wire.Gauge.DataPoints, gauge.DataPoints, Write);
        }
        else if (metric.Sum is { } sum)
        {
            wire.Sum = new Wire.Sum { AggregationTemporality = sum.AggregationTemporality, IsMonotonic = sum.IsMonotonic };
            Add(wire.Sum.DataPoints, sum.DataPoints, Write);
        }
        else if (metric.Histogram is { } histogram)
        {
            wire.Histogram = new Wire.Histogram { AggregationTemporality = histogram.AggregationTemporality };
            Add(wire.Histogram.DataPoints, histogram.DataPoints, Write);
        }
        else if (metric.ExponentialHistogram is { } exponential)
        {
            wire.ExponentialHistogram = new Wire.ExponentialHistogram { AggregationTemporality = exponential.AggregationTemporality };
            Add(wire.ExponentialHistogram.DataPoints, exponential.DataPoints, Write);
        }
        else if (metric.Summary is { } summary)
        {
            wire.Summary = new Wire.Summary();
            Add(wire.Summary.DataPoints, summary.DataPoints, Write);
        }
        return wire;
    }

    private static Wire.NumberDataPoint Write(NumberDataPoint point)
    {
        if (point.AsDouble is not null && point.AsInt is not null)
            throw new Lossy();
        var wire = new Wire.NumberDataPoint { StartTimeUnixNano = point.StartTimeUnixNano, TimeUnixNano = point.TimeUnixNano, Flags = point.Flags };
        if (point.AsDouble is { } number)
            wire.AsDouble = number;
        else if (point.AsInt is { } integer)
            wire.AsInt = integer;
        Add(wire.Attributes, point.Attributes, Write);
        Add(wire.Exemplars, point.Exemplars, Write);
        return wire;
    }

    private static Wire.HistogramDataPoint Write(HistogramDataPoint point)
    {
        var wire = new Wire.HistogramDataPoint
        {
            StartTimeUnixNano = point.StartTimeUnixNano,
            TimeUnixNano = point.TimeUnixNano,
            Count = point.Count,
            Flags = point.Flags,
            BucketCounts = { point.BucketCounts },
            ExplicitBounds = { point.ExplicitBounds },
        };
        if (point.Sum is { } sum)
            wire.Sum = sum;
        if (point.Min is { } min)
            wire.Min = min;
        if (point.Max is { } max)
            wire.Max = max;
        Add(wire.Attributes, point.Attributes, Write);
        Add(wire.Exemplars, point.Exemplars, Write);
        return wire;
    }

    private static Wire.ExponentialHistogramDataPoint Write(ExponentialHistogramDataPoint point)
    {
        var wire = new Wire.ExponentialHistogramDataPoint
        {
            StartTimeUnixNano = point.StartTimeUnixNano,
            TimeUnixNano = point.TimeUnixNano,
            Count = point.Count,
            Scale = point.Scale,
            ZeroCount = point.ZeroCount,
            Positive = Write(point.Positive),
            Negative = Write(point.Negative),
            Flags = point.Flags,
            ZeroThreshold = point.ZeroThreshold,
        };
        if (point.Sum is { } sum)
            wire.Sum = sum;
        if (point.Min is { } min)
            wire.Min = min;
        if (point.Max is { } max)
            wire.Max = max;
        Add(wire.Attributes, point.Attributes, Write);
        Add(wire.Exemplars, point.Exemplars, Write);
        return wire;
    }

    private static Wire.ExponentialHistogramDataPoint.Types.Buckets? Write(Buckets? buckets) =>
        buckets is null ? null : new() { Offset = buckets.Offset, BucketCounts = { buckets.BucketCounts } };

    private static Wire.SummaryDataPoint Write(SummaryDataPoint point)
    {
        var wire = new Wire.SummaryDataPoint
        {
            StartTimeUnixNano = point.StartTimeUnixNano,
            TimeUnixNano = point.TimeUnixNano,
            Count = point.Count,
            Sum = point.Sum,
            Flags = point.Flags,
        };
        Add(wire.Attributes, point.Attributes, Write);
        Add(wire.QuantileValues, point.QuantileValues, q => new Wire.SummaryDataPoint.Types.ValueAtQuantile { Quantile = q.Quantile, Value = q.Value });
        return wire;
    }

    private static Wire.Exemplar Write(Exemplar exemplar)
    {
        if (exemplar.AsDouble is not null && exemplar.AsInt is not null)
            throw new Lossy();
        var wire = new Wire.Exemplar { TimeUnixNano = exemplar.TimeUnixNano, SpanId = Id(exemplar.SpanId), TraceId = Id(exemplar.TraceId) };
        if (exemplar.AsDouble is { } number)
            wire.AsDouble = number;
        else if (exemplar.AsInt is { } integer)
            wire.AsInt = integer;
        Add(wire.FilteredAttributes, exemplar.FilteredAttributes, Write);
        return wire;
    }
}
