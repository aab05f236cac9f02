using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Otlp.Model;

// Traces: ExportTraceServiceRequest and what it holds.

internal sealed class ResourceSpans : OtlpMessage
{
    public Resource? Resource { get; set; }
    public List<ScopeSpans> ScopeSpans { get; set; } = Shared<ScopeSpans>.Empty;
    public string SchemaUrl { get; set; } = "";
}

internal sealed class ScopeSpans : OtlpMessage
{
    public InstrumentationScope? Scope { get; set; }
    public List<Span> Spans { get; set; } = Shared<Span>.Empty;
    public string SchemaUrl { get; set; } = "";
}

internal sealed class Span : OtlpMessage
{
    public string TraceId { get; set; } = "";
    public string SpanId { get; set; } = "";
    public string TraceState { get; set; } = "";
    public string ParentSpanId { get; set; } = "";
    public uint Flags { get; set; }
    public string Name { get; set; } = "";

    /// <summary>SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</summary>
    public int Kind { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong StartTimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong EndTimeUnixNano { get; set; }

    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;
    public uint DroppedAttributesCount { get; set; }
    public List<SpanEvent> Events { get; set; } = Shared<SpanEvent>.Empty;
    public uint DroppedEventsCount { get; set; }
    public List<SpanLink> Links { get; set; } = Shared<SpanLink>.Empty;
    public uint DroppedLinksCount { get; set; }
    public SpanStatus? Status { get; set; }
}

internal sealed class SpanEvent : OtlpMessage
{
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    public string Name { get; set; } = "";
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;
    public uint DroppedAttributesCount { get; set; }
}

internal sealed class SpanLink : OtlpMessage
{
    public string TraceId { get; set; } = "";
    public string SpanId { get; set; } = "";
    public string TraceState { get; set; } = "";
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;
    public uint DroppedAttributesCount { get; set; }
    public uint Flags { get; set; }
}

internal sealed class SpanStatus : OtlpMessage
{
    public string Message { get; set; } = "";

    /// <summary>0 unset, 1 ok, 2 error.</summary>
    public int Code { get; set; }
}
