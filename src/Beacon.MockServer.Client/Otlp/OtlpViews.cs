using System.Text.Json;

namespace Beacon.MockServer.Client;

// The flattened OTLP views: one item per span, metric data point or log record. Attributes, resources and a log's
// body are plain JSON (an attribute list becomes an object; bytes become base64 text), typed here as JsonElement
// values by key: span.Attributes["http.method"].GetString().

/// <summary>A span, as <c>/mock/otlp/spans</c> lists it.</summary>
public sealed record SpanView
{
    /// <summary>The capture it arrived in.</summary>
    public long Sequence { get; init; }

    /// <summary>The trace id, lower-case hex.</summary>
    public string TraceId { get; init; } = "";

    /// <summary>The span id, lower-case hex.</summary>
    public string SpanId { get; init; } = "";

    /// <summary>The parent's span id; empty for a root span.</summary>
    public string ParentSpanId { get; init; } = "";

    /// <summary>The W3C trace state.</summary>
    public string TraceState { get; init; } = "";

    /// <summary>The W3C trace flags.</summary>
    public uint Flags { get; init; }

    /// <summary>The span's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</summary>
    public int Kind { get; init; }

    /// <summary>The start; null when the span had none.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The start in nanoseconds since the Unix epoch, every digit kept.</summary>
    public ulong StartTimeUnixNano { get; init; }

    /// <summary>The end; null when the span had none.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The end in nanoseconds since the Unix epoch.</summary>
    public ulong EndTimeUnixNano { get; init; }

    /// <summary>The span's status.</summary>
    public SpanStatus Status { get; init; } = new(0, "");

    /// <summary>The span's attributes by key.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; init; } = Empty.Attributes;

    /// <summary>The span's events.</summary>
    public IReadOnlyList<SpanEvent> Events { get; init; } = [];

    /// <summary>The span's links.</summary>
    public IReadOnlyList<SpanLink> Links { get; init; } = [];

    /// <summary>The resource's attributes (<c>service.name</c>, ...).</summary>
    public IReadOnlyDictionary<string, JsonElement> Resource { get; init; } = Empty.Attributes;

    /// <summary>The instrumentation scope.</summary>
    public InstrumentationScope Scope { get; init; } = new("", "");
}

/// <summary>A span's status.</summary>
/// <param name="Code">0 unset, 1 ok, 2 error.</param>
/// <param name="Message">The status message.</param>
public sealed record SpanStatus(int Code, string Message);

/// <summary>An event on a span.</summary>
/// <param name="Name">The event's name.</param>
/// <param name="Time">When it happened; null when not sent.</param>
/// <param name="TimeUnixNano">When, in nanoseconds since the Unix epoch.</param>
/// <param name="Attributes">The event's attributes by key.</param>
public sealed record SpanEvent(string Name, DateTimeOffset? Time, ulong TimeUnixNano, IReadOnlyDictionary<string, JsonElement> Attributes);

/// <summary>A link from a span to another.</summary>
/// <param name="TraceId">The linked span's trace id, hex.</param>
/// <param name="SpanId">The linked span's id, hex.</param>
/// <param name="TraceState">The link's W3C trace state.</param>
/// <param name="Attributes">The link's attributes by key.</param>
public sealed record SpanLink(string TraceId, string SpanId, string TraceState, IReadOnlyDictionary<string, JsonElement> Attributes);

/// <summary>The instrumentation scope that produced an item.</summary>
/// <param name="Name">The scope's name; empty when not sent.</param>
/// <param name="Version">The scope's version; empty when not sent.</param>
public sealed record InstrumentationScope(string Name, string Version);

/// <summary>A log record, as <c>/mock/otlp/logs</c> lists it.</summary>
public sealed record LogRecordView
{
    /// <summary>The capture it arrived in.</summary>
    public long Sequence { get; init; }

    /// <summary>When the event happened; null when not sent.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>When, in nanoseconds since the Unix epoch.</summary>
    public ulong TimeUnixNano { get; init; }

    /// <summary>When the record was observed; null when not sent.</summary>
    public DateTimeOffset? ObservedTime { get; init; }

    /// <summary>When observed, in nanoseconds since the Unix epoch.</summary>
    public ulong ObservedTimeUnixNano { get; init; }

    /// <summary>The SeverityNumber: 9 info, 13 warn, 17 error.</summary>
    public int SeverityNumber { get; init; }

    /// <summary>The severity as text.</summary>
    public string SeverityText { get; init; } = "";

    /// <summary>The body as plain JSON: usually a string.</summary>
    public JsonElement? Body { get; init; }

    /// <summary>The record's attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; init; } = Empty.Attributes;

    /// <summary>The trace it belongs to, hex; empty when none.</summary>
    public string TraceId { get; init; } = "";

    /// <summary>The span it belongs to, hex; empty when none.</summary>
    public string SpanId { get; init; } = "";

    /// <summary>The event name.</summary>
    public string EventName { get; init; } = "";

    /// <summary>The W3C trace flags.</summary>
    public uint Flags { get; init; }

    /// <summary>The resource's attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Resource { get; init; } = Empty.Attributes;

    /// <summary>The instrumentation scope.</summary>
    public InstrumentationScope Scope { get; init; } = new("", "");
}

internal static class Empty
{
    public static readonly IReadOnlyDictionary<string, JsonElement> Attributes = new Dictionary<string, JsonElement>();
}
