using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>The rules each span, data point and log record is held to: ids, enums, values, buckets.</summary>
internal sealed partial class OtlpInspection
{
    private void Span(Span span, string path)
    {
        Unknown(span, path);
        if (span.Status is { } spanStatus)
            Unknown(spanStatus, $"{path}.status");
        for (var i = 0; i < span.Events.Count; i++)
            Unknown(span.Events[i], $"{path}.events[{i}]");
        span.TraceId = Id(span.TraceId, TraceIdBytes, $"{path}.traceId", required: true);
        span.SpanId = Id(span.SpanId, SpanIdBytes, $"{path}.spanId", required: true);
        span.ParentSpanId = Id(span.ParentSpanId, SpanIdBytes, $"{path}.parentSpanId", required: false);
        InRange(span.Kind, 0, 5, $"{path}.kind", "a SpanKind (0-5)");
        if (span.Status is { } status)
            InRange(status.Code, 0, 2, $"{path}.status.code", "a StatusCode (0 unset, 1 ok, 2 error)");
        for (var i = 0; i < span.Links.Count; i++)
        {
            Unknown(span.Links[i], $"{path}.links[{i}]");
            span.Links[i].TraceId = Id(span.Links[i].TraceId, TraceIdBytes, $"{path}.links[{i}].traceId", required: true);
            span.Links[i].SpanId = Id(span.Links[i].SpanId, SpanIdBytes, $"{path}.links[{i}].spanId", required: true);
        }
    }

    private void LogRecord(LogRecord record, string path)
    {
        Unknown(record, path);
        record.TraceId = Id(record.TraceId, TraceIdBytes, $"{path}.traceId", required: false);
        record.SpanId = Id(record.SpanId, SpanIdBytes, $"{path}.spanId", required: false);
        InRange(record.SeverityNumber, 0, 24, $"{path}.severityNumber", "a SeverityNumber (0-24)");
    }

    private void Metric(Metric metric, string path)
    {
        Metrics++;
        var kinds = (metric.Gauge is null ? 0 : 1) + (metric.Sum is null ? 0 : 1) + (metric.Histogram is null ? 0 : 1)
            + (metric.ExponentialHistogram is null ? 0 : 1) + (metric.Summary is null ? 0 : 1);
        if (kinds == 0)
            _findings.Add(new Finding(path, "has no data: set one of gauge, sum, histogram, exponentialHistogram or summary"));
        else if (kinds > 1)
            _findings.Add(new Finding(path, "sets more than one of gauge, sum, histogram, exponentialHistogram and summary, which are a oneof"));

        if (metric.Gauge is { } gauge)
        {
            Unknown(gauge, $"{path}.gauge");
            Keep(gauge.DataPoints, $"{path}.gauge.dataPoints", NumberPoint);
        }
        if (metric.Sum is { } sum)
        {
            Unknown(sum, $"{path}.sum");
            Temporality(sum.AggregationTemporality, $"{path}.sum.aggregationTemporality");
            Keep(sum.DataPoints, $"{path}.sum.dataPoints", NumberPoint);
        }
        if (metric.Histogram is { } histogram)
        {
            Unknown(histogram, $"{path}.histogram");
            Temporality(histogram.AggregationTemporality, $"{path}.histogram.aggregationTemporality");
            Keep(histogram.DataPoints, $"{path}.histogram.dataPoints", HistogramPoint);
        }
        if (metric.ExponentialHistogram is { } exponential)
        {
            Unknown(exponential, $"{path}.exponentialHistogram");
            Temporality(exponential.AggregationTemporality, $"{path}.exponentialHistogram.aggregationTemporality");
            Keep(exponential.DataPoints, $"{path}.exponentialHistogram.dataPoints", (point, path) =>
            {
                Unknown(point, path);
                Exemplars(point.Exemplars, path);
            });
        }
        if (metric.Summary is { } summary)
        {
            Unknown(summary, $"{path}.summary");
            Keep(summary.DataPoints, $"{path}.summary.dataPoints", Unknown);
        }
    }

    private void NumberPoint(NumberDataPoint point, string path)
    {
        Unknown(point, path);
        if (point.AsDouble is null && point.AsInt is null)
            Problem($"{path}", "has no value: set asDouble or asInt");
        else if (point.AsDouble is not null && point.AsInt is not null)
            Problem($"{path}", "sets both asDouble and asInt, which are a oneof");
        Exemplars(point.Exemplars, path);
    }

    private void HistogramPoint(HistogramDataPoint point, string path)
    {
        Unknown(point, path);
        if (point.BucketCounts.Count > 0 && point.BucketCounts.Count != point.ExplicitBounds.Count + 1)
            Problem($"{path}.bucketCounts", $"has {point.BucketCounts.Count} buckets for {point.ExplicitBounds.Count} explicitBounds; there must be one more bucket than bounds");
        Exemplars(point.Exemplars, path);
    }

    private void Exemplars(List<Exemplar> exemplars, string path)
    {
        for (var i = 0; i < exemplars.Count; i++)
        {
            exemplars[i].TraceId = Id(exemplars[i].TraceId, TraceIdBytes, $"{path}.exemplars[{i}].traceId", required: false);
            exemplars[i].SpanId = Id(exemplars[i].SpanId, SpanIdBytes, $"{path}.exemplars[{i}].spanId", required: false);
        }
    }

    private void Temporality(int value, string path)
    {
        if (value == 0)
            _findings.Add(new Finding(path, "is unset (0, unspecified), which OTLP says must not be used: send 1 (delta) or 2 (cumulative)"));
        else
            InRange(value, 1, 2, path, "an AggregationTemporality (1 delta, 2 cumulative)");
    }

    private void InRange(int value, int min, int max, string path, string what)
    {
        if (value < min || value > max)
            Problem(path, $"is {value}, which is not {what}");
    }

    /// <summary>
    /// A valid id comes back in lower case; an invalid one comes back as sent, with the problem noted.
    /// Ids are hex of a fixed length (OTLP JSON), bytes in protobuf (mapped to hex before this), and not all zero.
    /// </summary>
    private string Id(string id, int bytes, string path, bool required)
    {
        if (id.Length == 0)
        {
            if (required)
                Problem(path, $"is empty; a {bytes}-byte id is required");
            return id;
        }
        if (id.Length != 2 * bytes || !IsHex(id))
        {
            Problem(path, $"'{id}' is not a {2 * bytes}-character hex id ({bytes} bytes)");
            return id;
        }
        if (id.AsSpan().IndexOfAnyExcept('0') < 0)
        {
            Problem(path, "is all zeros, which OTLP reserves as invalid");
            return id;
        }
        return id.ToLowerInvariant();
    }

    private static bool IsHex(string text) => !text.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF");
}
