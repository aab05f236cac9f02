using Beacon.MockServer.Store;
using Beacon.MockServer.Features.Otlp.Model;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// Checks a decoded export against the OTLP rules that neither encoding enforces: ids of the right length
/// in hex, enums in range, a value on every number point. Valid ids become lower-case, so that JSON and
/// protobuf captures of the same data are equal. What breaks a rule is a finding; leniently (the default,
/// since the documented samples break the id rules) the item is kept as sent, strictly it is dropped and
/// counted for the response's partial success.
/// </summary>
internal sealed class OtlpInspection(bool strict)
{
    private const int TraceIdBytes = 16;
    private const int SpanIdBytes = 8;
    private const int MaxRejectionsNamed = 3;

    private readonly List<Finding> _findings = [];
    private readonly List<string> _rejections = [];
    private List<string>? _itemProblems;

    public IReadOnlyList<Finding> Findings => _findings;

    public int Resources { get; private set; }

    public int Scopes { get; private set; }

    /// <summary>Metrics, for the metrics signal.</summary>
    public int Metrics { get; private set; }

    /// <summary>Spans, data points or log records accepted.</summary>
    public int Items { get; private set; }

    /// <summary>Spans, data points or log records dropped, in strict mode.</summary>
    public int Rejected { get; private set; }

    /// <summary>For partial success: how many were rejected, and why the first few were.</summary>
    public string RejectionMessage(string items) =>
        Rejected == 0 ? ""
        : $"{Rejected} {items} rejected: {string.Join("; ", _rejections)}{(Rejected > _rejections.Count ? "; ..." : "")}";

    public void Check(TracesData data)
    {
        Unknown(data, "");
        Each(data.ResourceSpans, "resourceSpans", (resource, path) =>
        {
            Resource(resource.Resource, path);
            Each(resource.ScopeSpans, $"{path}.scopeSpans", (scope, path) =>
            {
                Scope(scope.Scope, path);
                Keep(scope.Spans, $"{path}.spans", Span);
            });
        });
    }

    public void Check(MetricsData data)
    {
        Unknown(data, "");
        Each(data.ResourceMetrics, "resourceMetrics", (resource, path) =>
        {
            Resource(resource.Resource, path);
            Each(resource.ScopeMetrics, $"{path}.scopeMetrics", (scope, path) =>
            {
                Scope(scope.Scope, path);
                Each(scope.Metrics, $"{path}.metrics", Metric);
            });
        });
    }

    public void Check(LogsData data)
    {
        Unknown(data, "");
        Each(data.ResourceLogs, "resourceLogs", (resource, path) =>
        {
            Resource(resource.Resource, path);
            Each(resource.ScopeLogs, $"{path}.scopeLogs", (scope, path) =>
            {
                Scope(scope.Scope, path);
                Keep(scope.LogRecords, $"{path}.logRecords", LogRecord);
            });
        });
    }

    private void Resource(Resource? resource, string path)
    {
        Resources++;
        if (resource is not null)
            Unknown(resource, $"{path}.resource");
    }

    private void Scope(InstrumentationScope? scope, string path)
    {
        Scopes++;
        if (scope is not null)
            Unknown(scope, $"{path}.scope");
    }

    /// <summary>
    /// What was read but not kept. Keys the model does not know: ignored, as OTLP says, but reported, since they
    /// are usually a misplaced field. Null items of a list: read as empty messages, as the Collector does.
    /// </summary>
    private void Unknown(OtlpMessage message, string path)
    {
        foreach (var key in message.Unknown?.Keys ?? Enumerable.Empty<string>())
            _findings.Add(new Finding(path.Length == 0 ? key : $"{path}.{key}", "is not a field of this OTLP message; ignored"));
        foreach (var list in message.NullItems ?? [])
            _findings.Add(new Finding(path.Length == 0 ? list : $"{path}.{list}", "holds null items; each was read as an empty message"));
    }

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

    /// <summary>Notes what is wrong with the item being checked (see <see cref="Keep{T}"/>).</summary>
    private void Problem(string path, string message)
    {
        if (_itemProblems is null)
        {
            // Outside a span, point or record: nothing to reject, only to report.
            _findings.Add(new Finding(path, message));
            return;
        }
        _itemProblems.Add($"{path}: {message}");
        _findings.Add(new Finding(path, strict ? $"{message}; rejected (Beacon:Otlp:Strict)" : $"{message}; accepted as sent"));
    }

    /// <summary>Checks each item of a leaf list (spans, points, records); in strict mode, drops those with problems.</summary>
    private void Keep<T>(List<T> items, string path, Action<T, string> check)
        where T : class
    {
        var kept = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var (item, itemPath) = (items[i], $"{path}[{i}]");
            _itemProblems = [];
            check(item, itemPath);
            var problems = _itemProblems;
            _itemProblems = null;
            if (strict && problems.Count > 0)
            {
                Rejected++;
                if (_rejections.Count < MaxRejectionsNamed)
                    _rejections.Add(problems[0]);
                continue;
            }
            Items++;
            items[kept++] = item;
        }
        items.RemoveRange(kept, items.Count - kept);
    }

    /// <summary>Visits each item of a container list (resources, scopes, metrics), reporting what it did not keep.</summary>
    private void Each<T>(List<T> items, string path, Action<T, string> visit)
        where T : OtlpMessage
    {
        for (var i = 0; i < items.Count; i++)
        {
            Unknown(items[i], $"{path}[{i}]");
            visit(items[i], $"{path}[{i}]");
        }
    }
}
