using Beacon.MockServer.Features.Otlp.Model;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// The model as protobuf: what a capture keeps of an export decoded from JSON (or trimmed by strict mode), so that
/// every stored export is in one compact encoding. Only when nothing would be lost: the model can hold what OTLP's
/// protobuf cannot (an id that is not hex, two values of a oneof), and such an export is kept as its JSON instead.
/// </summary>
internal static partial class OtlpProtobufWriter
{
    /// <summary>The export as protobuf; null when protobuf cannot hold all of it.</summary>
    public static byte[]? TryWrite(OtlpMessage data)
    {
        try
        {
            IMessage message = data switch
            {
                TracesData traces => new Wire.ExportTraceServiceRequest { ResourceSpans = { traces.ResourceSpans.Select(Write) } },
                MetricsData metrics => new Wire.ExportMetricsServiceRequest { ResourceMetrics = { metrics.ResourceMetrics.Select(Write) } },
                LogsData logs => new Wire.ExportLogsServiceRequest { ResourceLogs = { logs.ResourceLogs.Select(Write) } },
                _ => throw new Lossy(),
            };
            return message.ToByteArray();
        }
        catch (Lossy)
        {
            return null;
        }
    }

    /// <summary>Thrown where protobuf cannot hold what the model does.</summary>
    private sealed class Lossy : Exception;

    private static ByteString Id(string hex)
    {
        if (hex.Length == 0)
            return ByteString.Empty;
        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigitLower))
            throw new Lossy();
        return ByteString.CopyFrom(Convert.FromHexString(hex));
    }

    private static void Add<TIn, TOut>(RepeatedField<TOut> field, List<TIn> items, Func<TIn, TOut> write)
    {
        foreach (var item in items)
            field.Add(write(item));
    }

    private static Wire.Resource? Write(Resource? resource)
    {
        if (resource is null)
            return null;
        var wire = new Wire.Resource { DroppedAttributesCount = resource.DroppedAttributesCount };
        Add(wire.Attributes, resource.Attributes, Write);
        return wire;
    }

    private static Wire.InstrumentationScope? Write(InstrumentationScope? scope)
    {
        if (scope is null)
            return null;
        var wire = new Wire.InstrumentationScope { Name = scope.Name, Version = scope.Version, DroppedAttributesCount = scope.DroppedAttributesCount };
        Add(wire.Attributes, scope.Attributes, Write);
        return wire;
    }

    private static Wire.KeyValue Write(KeyValue pair) => new() { Key = pair.Key, Value = Write(pair.Value) };

    private static Wire.AnyValue? Write(AnyValue? value)
    {
        if (value is null)
            return null;
        var set = (value.StringValue is null ? 0 : 1) + (value.BoolValue is null ? 0 : 1) + (value.IntValue is null ? 0 : 1) + (value.DoubleValue is null ? 0 : 1)
            + (value.ArrayValue is null ? 0 : 1) + (value.KvlistValue is null ? 0 : 1) + (value.BytesValue is null ? 0 : 1);
        if (set > 1)
            throw new Lossy();
        var wire = new Wire.AnyValue();
        if (value.StringValue is { } text)
            wire.StringValue = text;
        else if (value.BoolValue is { } flag)
            wire.BoolValue = flag;
        else if (value.IntValue is { } integer)
            wire.IntValue = integer;
        else if (value.DoubleValue is { } number)
            wire.DoubleValue = number;
        else if (value.ArrayValue is { } array)
        {
            wire.ArrayValue = new Wire.ArrayValue();
            Add(wire.ArrayValue.Values, array.Values, v => Write(v) ?? new Wire.AnyValue());
        }
        else if (value.KvlistValue is { } list)
        {
            wire.KvlistValue = new Wire.KeyValueList();
            Add(wire.KvlistValue.Values, list.Values, Write);
        }
        else if (value.BytesValue is { } bytes)
            wire.BytesValue = ByteString.CopyFrom(bytes);
        return wire;
    }

    private static Wire.ResourceSpans Write(ResourceSpans item)
    {
        var wire = new Wire.ResourceSpans { Resource = Write(item.Resource), SchemaUrl = item.SchemaUrl };
        Add(wire.ScopeSpans, item.ScopeSpans, scope =>
        {
            var spans = new Wire.ScopeSpans { Scope = Write(scope.Scope), SchemaUrl = scope.SchemaUrl };
            Add(spans.Spans, scope.Spans, Write);
            return spans;
        });
        return wire;
    }

    private static Wire.Span Write(Span span)
    {
        var wire = new Wire.Span
        {
            TraceId = Id(span.TraceId),
            SpanId = Id(span.SpanId),
            TraceState = span.TraceState,
            ParentSpanId = Id(span.ParentSpanId),
            Flags = span.Flags,
            Name = span.Name,
            Kind = span.Kind,
            StartTimeUnixNano = span.StartTimeUnixNano,
            EndTimeUnixNano = span.EndTimeUnixNano,
            DroppedAttributesCount = span.DroppedAttributesCount,
            DroppedEventsCount = span.DroppedEventsCount,
            DroppedLinksCount = span.DroppedLinksCount,
            Status = span.Status is { } status ? new Wire.SpanStatus { Message = status.Message, Code = status.Code } : null,
        };
        Add(wire.Attributes, span.Attributes, Write);
        Add(wire.Events, span.Events, e =>
        {
            var spanEvent = new Wire.SpanEvent { TimeUnixNano = e.TimeUnixNano, Name = e.Name, DroppedAttributesCount = e.DroppedAttributesCount };
            Add(spanEvent.Attributes, e.Attributes, Write);
            return spanEvent;
        });
        Add(wire.Links, span.Links, l =>
        {
            var link = new Wire.SpanLink
            {
                TraceId = Id(l.TraceId),
                SpanId = Id(l.SpanId),
                TraceState = l.TraceState,
                DroppedAttributesCount = l.DroppedAttributesCount,
                Flags = l.Flags,
            };
            Add(link.Attributes, l.Attributes, Write);
            return link;
        });
        return wire;
    }

    private static Wire.ResourceLogs Write(ResourceLogs item)
    {
        var wire = new Wire.ResourceLogs { Resource = Write(item.Resource), SchemaUrl = item.SchemaUrl };
        Add(wire.ScopeLogs, item.ScopeLogs, scope =>
        {
            var logs = new Wire.ScopeLogs { Scope = Write(scope.Scope), SchemaUrl = scope.SchemaUrl };
            Add(logs.LogRecords, scope.LogRecords, Write);
            return logs;
        });
        return wire;
    }

    private static Wire.LogRecord Write(LogRecord record)
    {
        var wire = new Wire.LogRecord
        {
            TimeUnixNano = record.TimeUnixNano,
            ObservedTimeUnixNano = record.ObservedTimeUnixNano,
            SeverityNumber = record.SeverityNumber,
            SeverityText = record.SeverityText,
            Body = Write(record.Body),
            DroppedAttributesCount = record.DroppedAttributesCount,
            Flags = record.Flags,
            TraceId = Id(record.TraceId),
            SpanId = Id(record.SpanId),
            EventName = record.EventName,
        };
        Add(wire.Attributes, record.Attributes, Write);
        return wire;
    }
}
