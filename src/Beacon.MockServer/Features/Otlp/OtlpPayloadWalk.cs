using System.Globalization;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// An export's values for an <see cref="IPayloadVisitor"/>, read from the decoded model rather than from JSON written
/// for the purpose: every string and attribute value, the log severities, and the objects and arrays around them, in
/// the paths and order the export's OTLP JSON has them (<c>resourceLogs[0].scopeLogs[0].logRecords[1].body.stringValue</c>).
/// Times, counts, flags, enums other than the severity, and data point values are left out: they say when or how many.
/// </summary>
internal sealed partial class OtlpPayloadWalk(PayloadTrail path, IPayloadVisitor visitor)
{
    private readonly bool _containers = visitor.WantsContainers;

    public static void Walk(OtlpMessage data, IPayloadVisitor visitor)
    {
        using var path = new PayloadTrail();
        var walk = new OtlpPayloadWalk(path, visitor);
        walk.Visit(default, PayloadValueType.Object, default, PayloadRole.None);
        switch (data)
        {
            case TracesData traces:
                walk.Traces(traces);
                break;
            case MetricsData metrics:
                walk.Metrics(metrics);
                break;
            case LogsData logs:
                walk.Logs(logs);
                break;
        }
    }

    private void Traces(TracesData data)
    {
        for (var r = Open("resourceSpans", data.ResourceSpans.Count); r < data.ResourceSpans.Count; r++)
        {
            var resource = Item(r, data.ResourceSpans[r]);
            Resource(resource.Resource);
            for (var s = Open("scopeSpans", resource.ScopeSpans.Count); s < resource.ScopeSpans.Count; s++)
            {
                var scope = Item(s, resource.ScopeSpans[s]);
                Scope(scope.Scope);
                for (var i = Open("spans", scope.Spans.Count); i < scope.Spans.Count; i++)
                    Span(Item(i, scope.Spans[i]));
                Close(scope.Spans.Count);
                Text("schemaUrl", scope.SchemaUrl);
                path.Pop();
            }
            Close(resource.ScopeSpans.Count);
            Text("schemaUrl", resource.SchemaUrl);
            path.Pop();
        }
        Close(data.ResourceSpans.Count);
    }

    private void Span(Span span)
    {
        Text("traceId", span.TraceId);
        Text("spanId", span.SpanId);
        Text("traceState", span.TraceState);
        Text("parentSpanId", span.ParentSpanId);
        Text("name", span.Name, role: PayloadRole.SpanName);
        Attributes("attributes", span.Attributes);
        for (var e = Open("events", span.Events.Count); e < span.Events.Count; e++)
        {
            var item = Item(e, span.Events[e]);
            Text("name", item.Name, role: PayloadRole.EventName);
            Attributes("attributes", item.Attributes);
            path.Pop();
        }
        Close(span.Events.Count);
        for (var l = Open("links", span.Links.Count); l < span.Links.Count; l++)
        {
            var link = Item(l, span.Links[l]);
            Text("traceId", link.TraceId);
            Text("spanId", link.SpanId);
            Text("traceState", link.TraceState);
            Attributes("attributes", link.Attributes);
            path.Pop();
        }
        Close(span.Links.Count);
        if (span.Status is { } status)
        {
            Member("status", PayloadValueType.Object);
            Text("message", status.Message);
            path.Pop();
        }
        path.Pop();
    }

    private void Metrics(MetricsData data)
    {
        for (var r = Open("resourceMetrics", data.ResourceMetrics.Count); r < data.ResourceMetrics.Count; r++)
        {
            var resource = Item(r, data.ResourceMetrics[r]);
            Resource(resource.Resource);
            for (var s = Open("scopeMetrics", resource.ScopeMetrics.Count); s < resource.ScopeMetrics.Count; s++)
            {
                var scope = Item(s, resource.ScopeMetrics[s]);
                Scope(scope.Scope);
                for (var m = Open("metrics", scope.Metrics.Count); m < scope.Metrics.Count; m++)
                    Metric(Item(m, scope.Metrics[m]));
                Close(scope.Metrics.Count);
                Text("schemaUrl", scope.SchemaUrl);
                path.Pop();
            }
            Close(resource.ScopeMetrics.Count);
            Text("schemaUrl", resource.SchemaUrl);
            path.Pop();
        }
        Close(data.ResourceMetrics.Count);
    }

    private void Metric(Metric metric)
    {
        Text("name", metric.Name, role: PayloadRole.MetricName);
        Text("description", metric.Description);
        Text("unit", metric.Unit);
        if (metric.Gauge is { } gauge)
            Points("gauge", gauge.DataPoints, p => p.Attributes, p => p.Exemplars);
        if (metric.Sum is { } sum)
            Points("sum", sum.DataPoints, p => p.Attributes, p => p.Exemplars);
        if (metric.Histogram is { } histogram)
            Points("histogram", histogram.DataPoints, p => p.Attributes, p => p.Exemplars);
        if (metric.ExponentialHistogram is { } exponential)
            Points("exponentialHistogram", exponential.DataPoints, p => p.Attributes, p => p.Exemplars);
        if (metric.Summary is { } summary)
            Points("summary", summary.DataPoints, p => p.Attributes, _ => []);
        Attributes("metadata", metric.Metadata);
        path.Pop();
    }

    private void Points<T>(string type, List<T> points, Func<T, List<KeyValue>> attributes, Func<T, List<Exemplar>> exemplars)
    {
        Member(type, PayloadValueType.Object, role: PayloadRole.MetricData);
        for (var p = Open("dataPoints", points.Count); p < points.Count; p++)
        {
            var point = Item(p, points[p]);
            Attributes("attributes", attributes(point));
            var kept = exemplars(point);
            for (var e = Open("exemplars", kept.Count); e < kept.Count; e++)
            {
                var exemplar = Item(e, kept[e]);
                Attributes("filteredAttributes", exemplar.FilteredAttributes);
                Text("spanId", exemplar.SpanId);
                Text("traceId", exemplar.TraceId);
                path.Pop();
            }
            Close(kept.Count);
            path.Pop();
        }
        Close(points.Count);
        path.Pop();
    }

    private void Logs(LogsData data)
    {
        for (var r = Open("resourceLogs", data.ResourceLogs.Count); r < data.ResourceLogs.Count; r++)
        {
            var resource = Item(r, data.ResourceLogs[r]);
            Resource(resource.Resource);
            for (var s = Open("scopeLogs", resource.ScopeLogs.Count); s < resource.ScopeLogs.Count; s++)
            {
                var scope = Item(s, resource.ScopeLogs[s]);
                Scope(scope.Scope);
                for (var i = Open("logRecords", scope.LogRecords.Count); i < scope.LogRecords.Count; i++)
                    Log(Item(i, scope.LogRecords[i], PayloadRole.LogRecord));
                Close(scope.LogRecords.Count);
                Text("schemaUrl", scope.SchemaUrl);
                path.Pop();
            }
            Close(resource.ScopeLogs.Count);
            Text("schemaUrl", resource.SchemaUrl);
            path.Pop();
        }
        Close(data.ResourceLogs.Count);
    }

    private void Log(LogRecord log)
    {
        if (log.SeverityNumber != 0)
        {
            Span<char> digits = stackalloc char[11];
            log.SeverityNumber.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
            Member("severityNumber", PayloadValueType.Number, digits[..written], PayloadRole.SeverityNumber);
            path.Pop();
        }
        Text("severityText", log.SeverityText, role: PayloadRole.SeverityText);
        if (log.Body is { } body)
            Value("body", body);
        Attributes("attributes", log.Attributes);
        Text("traceId", log.TraceId);
        Text("spanId", log.SpanId);
        Text("eventName", log.EventName);
        path.Pop();
    }
}
