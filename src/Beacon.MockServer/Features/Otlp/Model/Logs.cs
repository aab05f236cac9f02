using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Otlp.Model;

// Logs: ExportLogsServiceRequest and what it holds.

internal sealed class ResourceLogs : OtlpMessage
{
    public Resource? Resource { get; set; }
    public List<ScopeLogs> ScopeLogs { get; set; } = Shared<ScopeLogs>.Empty;
    public string SchemaUrl { get; set; } = "";
}

internal sealed class ScopeLogs : OtlpMessage
{
    public InstrumentationScope? Scope { get; set; }
    public List<LogRecord> LogRecords { get; set; } = Shared<LogRecord>.Empty;
    public string SchemaUrl { get; set; } = "";
}

internal sealed class LogRecord : OtlpMessage
{
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong TimeUnixNano { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public ulong ObservedTimeUnixNano { get; set; }

    /// <summary>1-24: TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL 21-24; 0 unspecified.</summary>
    public int SeverityNumber { get; set; }

    public string SeverityText { get; set; } = "";
    public AnyValue? Body { get; set; }
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;
    public uint DroppedAttributesCount { get; set; }
    public uint Flags { get; set; }
    public string TraceId { get; set; } = "";
    public string SpanId { get; set; } = "";
    public string EventName { get; set; } = "";
}
