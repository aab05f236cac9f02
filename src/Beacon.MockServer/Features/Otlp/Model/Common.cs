using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Otlp.Model;

// One typed model of the three OTLP export requests, whichever encoding they arrived in. Protobuf is
// mapped into it (OtlpProtobuf), JSON is read into it directly (OtlpJson). It is decoded once, at receipt:
// the capture keeps it (OtlpPayload), the views read it, and it is written as OTLP JSON only when asked. Ids are hex text, so that an id that breaks the rules (a
// documented sample has a 14-character spanId) can be kept as it was sent; OtlpInspection checks them.
// 64-bit integers are written as strings, as OTLP JSON does, and read from either strings or numbers.

/// <summary>
/// Every message keeps the JSON keys it did not know, so that they can be reported (the documented metrics
/// sample puts a Sum's fields on its data point). They are ignored otherwise, as OTLP says, and never written.
/// </summary>
internal abstract class OtlpMessage
{
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Unknown { get; set; }

    /// <summary>The JSON names of this message's lists that held nulls, each read as an empty message (proto3 has no null item).</summary>
    [JsonIgnore]
    public List<string>? NullItems { get; set; }
}

internal sealed class TracesData : OtlpMessage
{
    public List<ResourceSpans> ResourceSpans { get; set; } = Shared<ResourceSpans>.Empty;
}

internal sealed class MetricsData : OtlpMessage
{
    public List<ResourceMetrics> ResourceMetrics { get; set; } = Shared<ResourceMetrics>.Empty;
}

internal sealed class LogsData : OtlpMessage
{
    public List<ResourceLogs> ResourceLogs { get; set; } = Shared<ResourceLogs>.Empty;
}

internal sealed class Resource : OtlpMessage
{
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;
    public uint DroppedAttributesCount { get; set; }
}

internal sealed class InstrumentationScope : OtlpMessage
{
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public List<KeyValue> Attributes { get; set; } = Shared<KeyValue>.Empty;
    public uint DroppedAttributesCount { get; set; }
}

internal sealed class KeyValue : OtlpMessage
{
    public string Key { get; set; } = "";
    public AnyValue? Value { get; set; }
}

/// <summary>A oneof: exactly one property is set (none, for an empty value).</summary>
internal sealed class AnyValue : OtlpMessage
{
    public string? StringValue { get; set; }
    public bool? BoolValue { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long? IntValue { get; set; }

    public double? DoubleValue { get; set; }
    public ArrayValue? ArrayValue { get; set; }
    public KeyValueList? KvlistValue { get; set; }
    public byte[]? BytesValue { get; set; }
}

internal sealed class ArrayValue : OtlpMessage
{
    public List<AnyValue> Values { get; set; } = Shared<AnyValue>.Empty;
}

internal sealed class KeyValueList : OtlpMessage
{
    public List<KeyValue> Values { get; set; } = Shared<KeyValue>.Empty;
}

/// <summary>
/// The one empty list a model's absent lists share: a span without events or links costs no list of its own. The model
/// is read-only once decoded, so nothing ever adds to it.
/// </summary>
internal static class Shared<T>
{
    public static readonly List<T> Empty = [];
}
