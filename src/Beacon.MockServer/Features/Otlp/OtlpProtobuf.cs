using Beacon.MockServer.Features.Otlp.Model;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// Protobuf into the model. Google.Protobuf parses the wire format (and refuses a malformed one with
/// <see cref="InvalidProtocolBufferException"/>); this maps its messages field by field. Ids become
/// lower-case hex whatever their length; OtlpInspection judges the length.
/// </summary>
internal static partial class OtlpProtobuf
{
    public static TracesData ReadTraces(byte[] body) =>
        new() { ResourceSpans = Map(Parse(Wire.ExportTraceServiceRequest.Parser, body).ResourceSpans, Map) };

    public static MetricsData ReadMetrics(byte[] body) =>
        new() { ResourceMetrics = Map(Parse(Wire.ExportMetricsServiceRequest.Parser, body).ResourceMetrics, Map) };

    public static LogsData ReadLogs(byte[] body) =>
        new() { ResourceLogs = Map(Parse(Wire.ExportLogsServiceRequest.Parser, body).ResourceLogs, Map) };

    /// <summary>Parses with OTLP's nesting limit (<see cref="OtlpJson.MaxDepth"/>), the same as JSON's, not the library's default of 100.</summary>
    private static T Parse<T>(MessageParser<T> parser, byte[] body)
        where T : IMessage<T>
    {
        using var input = CodedInputStream.CreateWithLimits(new MemoryStream(body, writable: false), int.MaxValue, OtlpJson.MaxDepth);
        return parser.ParseFrom(input);
    }

    private static List<TOut> Map<TIn, TOut>(RepeatedField<TIn> items, Func<TIn, TOut> map)
    {
        if (items.Count == 0)
            return Shared<TOut>.Empty;
        var list = new List<TOut>(items.Count);
        foreach (var item in items)
            list.Add(map(item));
        return list;
    }

    private static string Hex(ByteString id) => id.IsEmpty ? "" : Convert.ToHexStringLower(id.Span);

    private static Resource? Map(Wire.Resource? resource) => resource is null ? null : new()
    {
        Attributes = Map(resource.Attributes, Map),
        DroppedAttributesCount = resource.DroppedAttributesCount,
    };

    private static InstrumentationScope? Map(Wire.InstrumentationScope? scope) => scope is null ? null : new()
    {
        Name = scope.Name,
        Version = scope.Version,
        Attributes = Map(scope.Attributes, Map),
        DroppedAttributesCount = scope.DroppedAttributesCount,
    };

    private static KeyValue Map(Wire.KeyValue pair) => new() { Key = pair.Key, Value = Map(pair.Value) };

    private static AnyValue? Map(Wire.AnyValue? value) => value?.ValueCase switch
    {
        null => null,
        Wire.AnyValue.ValueOneofCase.StringValue => new() { StringValue = value.StringValue },
        Wire.AnyValue.ValueOneofCase.BoolValue => new() { BoolValue = value.BoolValue },
        Wire.AnyValue.ValueOneofCase.IntValue => new() { IntValue = value.IntValue },
        Wire.AnyValue.ValueOneofCase.DoubleValue => new() { DoubleValue = value.DoubleValue },
        Wire.AnyValue.ValueOneofCase.ArrayValue => new() { ArrayValue = new() { Values = Map(value.ArrayValue.Values, v => Map(v) ?? new AnyValue()) } },
        Wire.AnyValue.ValueOneofCase.KvlistValue => new() { KvlistValue = new() { Values = Map(value.KvlistValue.Values, Map) } },
        Wire.AnyValue.ValueOneofCase.BytesValue => new() { BytesValue = value.BytesValue.ToByteArray() },
        _ => new(),
    };

    // --- traces ---

    private static ResourceSpans Map(Wire.ResourceSpans item) => new()
    {
        Resource = Map(item.Resource),
        ScopeSpans = Map(item.ScopeSpans, Map),
        SchemaUrl = item.SchemaUrl,
    };

    private static ScopeSpans Map(Wire.ScopeSpans item) => new()
    {
        Scope = Map(item.Scope),
        Spans = Map(item.Spans, Map),
        SchemaUrl = item.SchemaUrl,
    };

    private static Span Map(Wire.Span span) => new()
    {
        TraceId = Hex(span.TraceId),
        SpanId = Hex(span.SpanId),
        TraceState = span.TraceState,
        ParentSpanId = Hex(span.ParentSpanId),
        Flags = span.Flags,
        Name = span.Name,
        Kind = span.Kind,
        StartTimeUnixNano = span.StartTimeUnixNano,
        EndTimeUnixNano = span.EndTimeUnixNano,
        Attributes = Map(span.Attributes, Map),
        DroppedAttributesCount = span.DroppedAttributesCount,
        Events = Map(span.Events, e => new SpanEvent
        {
            TimeUnixNano = e.TimeUnixNano,
            Name = e.Name,
            Attributes = Map(e.Attributes, Map),
            DroppedAttributesCount = e.DroppedAttributesCount,
        }),
        DroppedEventsCount = span.DroppedEventsCount,
        Links = Map(span.Links, l => new SpanLink
        {
            TraceId = Hex(l.TraceId),
            SpanId = Hex(l.SpanId),
            TraceState = l.TraceState,
            Attributes = Map(l.Attributes, Map),
            DroppedAttributesCount = l.DroppedAttributesCount,
            Flags = l.Flags,
        }),
        DroppedLinksCount = span.DroppedLinksCount,
        Status = span.Status is null ? null : new SpanStatus { Message = span.Status.Message, Code = span.Status.Code },
    };

    // --- logs ---

    private static ResourceLogs Map(Wire.ResourceLogs item) => new()
    {
        Resource = Map(item.Resource),
        ScopeLogs = Map(item.ScopeLogs, Map),
        SchemaUrl = item.SchemaUrl,
    };

    private static ScopeLogs Map(Wire.ScopeLogs item) => new()
    {
        Scope = Map(item.Scope),
        LogRecords = Map(item.LogRecords, Map),
        SchemaUrl = item.SchemaUrl,
    };

    private static LogRecord Map(Wire.LogRecord record) => new()
    {
        TimeUnixNano = record.TimeUnixNano,
        ObservedTimeUnixNano = record.ObservedTimeUnixNano,
        SeverityNumber = record.SeverityNumber,
        SeverityText = record.SeverityText,
        Body = Map(record.Body),
        Attributes = Map(record.Attributes, Map),
        DroppedAttributesCount = record.DroppedAttributesCount,
        Flags = record.Flags,
        TraceId = Hex(record.TraceId),
        SpanId = Hex(record.SpanId),
        EventName = record.EventName,
    };
}
