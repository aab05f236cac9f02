using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>A span, data point or log record where it stands in a capture: cheap to filter, turned into its view only when listed.</summary>
internal readonly record struct OtlpItem<T>(long Sequence, Resource? Resource, InstrumentationScope? Scope, T Value);

/// <summary>A data point, the metric it belongs to (its name, unit and temporality) and which of the metric's data it is.</summary>
/// <param name="Type">gauge, sum, histogram, exponentialHistogram or summary.</param>
internal readonly record struct MetricPoint(Metric Metric, string Type, OtlpMessage Point);

/// <summary>
/// The items of captured exports, read from the model the capture keeps (decoded once, at receipt): no payload is
/// parsed again, and no view is built for an item a filter leaves out.
/// </summary>
internal static class OtlpItems
{
    /// <summary>Only exports of the signal that were decoded and not refused: those still being answered count.</summary>
    public static bool Accepted(StoredCapture capture, OtlpSignal signal) =>
        capture.Status is null or (>= 200 and < 300) && OtlpPayload.Holds(capture.PayloadReader, signal);

    /// <summary>The export a stored capture keeps, decoded (and checked) again.</summary>
    public static OtlpMessage Export(StoredCapture capture) => ((OtlpPayload)capture.PayloadReader!.Read(capture.PayloadBytes)).Data;

    public static IEnumerable<OtlpItem<Span>> Spans(OtlpMessage data, long sequence)
    {
        foreach (var resource in ((TracesData)data).ResourceSpans)
        {
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                    yield return new(sequence, resource.Resource, scope.Scope, span);
            }
        }
    }

    public static IEnumerable<OtlpItem<MetricPoint>> MetricPoints(OtlpMessage data, long sequence)
    {
        foreach (var resource in ((MetricsData)data).ResourceMetrics)
        {
            foreach (var scope in resource.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    foreach (var (type, points) in DataOf(metric))
                    {
                        foreach (var point in points)
                            yield return new(sequence, resource.Resource, scope.Scope, new MetricPoint(metric, type, point));
                    }
                }
            }
        }
    }

    /// <summary>A metric's data, which OTLP makes a oneof but a client may send more than one of (a finding says so).</summary>
    private static IEnumerable<(string Type, IEnumerable<OtlpMessage> Points)> DataOf(Metric metric)
    {
        if (metric.Gauge is { } gauge)
            yield return ("gauge", gauge.DataPoints);
        if (metric.Sum is { } sum)
            yield return ("sum", sum.DataPoints);
        if (metric.Histogram is { } histogram)
            yield return ("histogram", histogram.DataPoints);
        if (metric.ExponentialHistogram is { } exponential)
            yield return ("exponentialHistogram", exponential.DataPoints);
        if (metric.Summary is { } summary)
            yield return ("summary", summary.DataPoints);
    }

    public static IEnumerable<OtlpItem<LogRecord>> Logs(OtlpMessage data, long sequence)
    {
        foreach (var resource in ((LogsData)data).ResourceLogs)
        {
            foreach (var scope in resource.ScopeLogs)
            {
                foreach (var record in scope.LogRecords)
                    yield return new(sequence, resource.Resource, scope.Scope, record);
            }
        }
    }

    /// <summary>The resource attribute <c>service.name</c>, when it is a string (the last one, as the views show a repeated key).</summary>
    public static string? Service(Resource? resource)
    {
        string? service = null;
        foreach (var pair in resource?.Attributes ?? [])
        {
            if (pair.Key == "service.name")
                service = pair.Value?.StringValue;
        }
        return service;
    }

    /// <summary>A log body as text, for <c>contains</c>: a string as it is, anything else as its JSON.</summary>
    public static string BodyText(LogRecord log) =>
        log.Body is { StringValue: { } text } ? text : OtlpValues.Value(log.Body)?.ToJsonString() ?? "";
}
