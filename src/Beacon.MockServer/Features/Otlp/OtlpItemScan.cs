using System.Text;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// Which items of a stored protobuf export a view's filters match, by their place in the export (the order the model
/// lists them in), read from the bytes without decoding them. Each says false when it cannot tell from the bytes
/// alone (a log body that is not text, searched with <c>contains</c>): the view then decodes that export.
/// </summary>
internal static class OtlpItemScan
{
    public static bool Spans(ReadOnlySpan<byte> export, SpanMatch match, List<int> found)
    {
        var items = new ExportItems(export, match.Service);
        for (var index = 0; items.Next(); index++)
        {
            if (items.ServiceMatches && Span(items.Current, match))
                found.Add(index);
        }
        return true;
    }

    public static bool MetricPoints(ReadOnlySpan<byte> export, MetricMatch match, List<int> found)
    {
        var index = 0;
        var metrics = new ExportItems(export, match.Service);
        while (metrics.Next())
        {
            var (nameMatches, points) = Metric(metrics.Current, match.Name);
            for (var i = 0; i < points; i++, index++)
            {
                if (metrics.ServiceMatches && nameMatches)
                    found.Add(index);
            }
        }
        return true;
    }

    public static bool Logs(ReadOnlySpan<byte> export, LogMatch match, List<int> found)
    {
        var items = new ExportItems(export, match.Service);
        for (var index = 0; items.Next(); index++)
        {
            if (!items.ServiceMatches)
                continue;
            if (Log(items.Current, match) is not { } matches)
                return false;
            if (matches)
                found.Add(index);
        }
        return true;
    }

    /// <summary>
    /// The items of an export in the order the model lists them: spans, metrics or log records, which OTLP places alike
    /// (field 1 of the export, then field 2 of each resource and of each scope), with whether their resource's
    /// service.name is the one asked for.
    /// </summary>
    private ref struct ExportItems(ReadOnlySpan<byte> export, byte[]? service)
    {
        private ProtoFields _resources = new(export);
        private ProtoFields _scopes;
        private ProtoFields _items;
        private int _depth;

        /// <summary>Whether the current item's resource has the service.name asked for (any, when none is).</summary>
        public bool ServiceMatches { get; private set; }

        public readonly ReadOnlySpan<byte> Current => _items.Bytes;

        public bool Next()
        {
            while (true)
            {
                if (_depth == 2 && Advance(ref _items))
                    return true;
                if (_depth >= 1 && Advance(ref _scopes))
                {
                    _items = new ProtoFields(_scopes.Bytes);
                    _depth = 2;
                    continue;
                }
                if (!Advance(ref _resources, field: 1))
                    return false;
                ServiceMatches = HasService(_resources.Bytes, service);
                _scopes = new ProtoFields(_resources.Bytes);
                _depth = 1;
            }
        }

        private static bool Advance(ref ProtoFields fields, int field = 2)
        {
            while (fields.Next())
            {
                if (fields.Field == field)
                    return true;
            }
            return false;
        }
    }

    /// <summary>Whether a ResourceSpans, ResourceMetrics or ResourceLogs has the service.name asked for (any, when none is).</summary>
    private static bool HasService(ReadOnlySpan<byte> resource, byte[]? service)
    {
        if (service is null)
            return true;
        var matches = false;
        var fields = new ProtoFields(resource);
        while (fields.Next())
        {
            if (fields.Field == 1)
            {
                var name = ProtoFields.Service(fields.Bytes, out var found, out var seen);
                if (seen)
                    matches = found && name.SequenceEqual(service);
            }
        }
        return matches;
    }

    private static bool Span(ReadOnlySpan<byte> span, SpanMatch match)
    {
        ReadOnlySpan<byte> name = default, traceId = default, spanId = default, parentSpanId = default;
        var fields = new ProtoFields(span);
        while (fields.Next())
        {
            switch (fields.Field)
            {
                case 1: traceId = fields.Bytes; break;
                case 2: spanId = fields.Bytes; break;
                case 4: parentSpanId = fields.Bytes; break;
                case 5: name = fields.Bytes; break;
            }
        }
        return (match.Name is null || name.SequenceEqual(match.Name))
            && (match.TraceId is null || traceId.SequenceEqual(match.TraceId))
            && (match.SpanId is null || spanId.SequenceEqual(match.SpanId))
            && (match.ParentSpanId is null || parentSpanId.SequenceEqual(match.ParentSpanId));
    }

    /// <summary>Whether a metric's name matches, and how many data points it holds (those of its last data field, as protobuf's oneof reads it).</summary>
    private static (bool NameMatches, int Points) Metric(ReadOnlySpan<byte> metric, byte[]? wanted)
    {
        ReadOnlySpan<byte> name = default;
        var (dataField, points) = (0, 0);
        var fields = new ProtoFields(metric);
        while (fields.Next())
        {
            if (fields.Field == 1)
                name = fields.Bytes;
            else if (fields.Field is 5 or 7 or 9 or 10 or 11)
            {
                // The data is a oneof: another kind replaces it, the same kind again is merged (its points added).
                if (fields.Field != dataField)
                    (dataField, points) = (fields.Field, 0);
                var inData = new ProtoFields(fields.Bytes);
                while (inData.Next())
                    points += inData.Field == 1 ? 1 : 0;
            }
        }
        return (wanted is null || name.SequenceEqual(wanted), points);
    }

    /// <summary>Whether a log record matches; null when its body is not text and the filter searches it.</summary>
    private static bool? Log(ReadOnlySpan<byte> record, LogMatch match)
    {
        var severity = 0;
        ReadOnlySpan<byte> traceId = default, spanId = default, body = default;
        var hasBody = false;
        var fields = new ProtoFields(record);
        while (fields.Next())
        {
            switch (fields.Field)
            {
                case 2: severity = (int)(long)fields.Number; break;
                case 5:
                    body = fields.Bytes;
                    hasBody = true;
                    break;
                case 9: traceId = fields.Bytes; break;
                case 10: spanId = fields.Bytes; break;
            }
        }
        if (match.MinSeverity is { } least && severity < least
            || match.TraceId is not null && !traceId.SequenceEqual(match.TraceId)
            || match.SpanId is not null && !spanId.SequenceEqual(match.SpanId))
            return false;
        if (match.Contains is null)
            return true;
        if (!hasBody)
            return "".Contains(match.Contains, StringComparison.OrdinalIgnoreCase);
        var text = default(ReadOnlySpan<byte>);
        var isString = false;
        var value = new ProtoFields(body);
        while (value.Next())
        {
            isString = value.Field == 1;
            text = isString ? value.Bytes : default;
        }
        if (!isString)
            return null;
        return Encoding.UTF8.GetString(text).Contains(match.Contains, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A span view's filters as bytes, ready to compare with a stored export's: null matches anything.</summary>
internal sealed record SpanMatch(byte[]? Name, byte[]? TraceId, byte[]? SpanId, byte[]? ParentSpanId, byte[]? Service);

internal sealed record MetricMatch(byte[]? Name, byte[]? Service);

internal sealed record LogMatch(int? MinSeverity, byte[]? TraceId, byte[]? SpanId, byte[]? Service, string? Contains);
