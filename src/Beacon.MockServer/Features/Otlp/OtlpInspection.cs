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
internal sealed partial class OtlpInspection(bool strict)
{
    private const int TraceIdBytes = 16;
    private const int SpanIdBytes = 8;
    private const int MaxRejectionsNamed = 3;

    private readonly List<Finding> _findings = [];
    private readonly List<string> _rejections = [];
    private List<string>? _itemProblems;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>
    /// Whether a finding says something only the JSON held (an unknown key, a null item): protobuf would not carry
    /// it, so the same checks of the export written as protobuf would not find it again.
    /// </summary>
    public bool FoundInJsonOnly { get; private set; }

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
        FoundInJsonOnly |= message.Unknown is { Count: > 0 } || message.NullItems is { Count: > 0 };
        foreach (var key in message.Unknown?.Keys ?? Enumerable.Empty<string>())
            _findings.Add(new Finding(path.Length == 0 ? key : $"{path}.{key}", "is not a field of this OTLP message; ignored"));
        foreach (var list in message.NullItems ?? [])
            _findings.Add(new Finding(path.Length == 0 ? list : $"{path}.{list}", "holds null items; each was read as an empty message"));
    }

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
