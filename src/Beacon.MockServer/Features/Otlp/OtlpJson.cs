using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Features.Otlp.Model;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// OTLP JSON, read and written with the model. Keys are lowerCamelCase and case-sensitive, unknown keys
/// are ignored, numbers may arrive as strings (64-bit ones usually do) and doubles as "NaN" or
/// "Infinity". Enums are integers. Nothing here knows about hex ids: they are text in the model.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TracesData))]
[JsonSerializable(typeof(MetricsData))]
[JsonSerializable(typeof(LogsData))]
internal sealed partial class OtlpJson : JsonSerializerContext
{
    /// <summary>
    /// How deep an export may nest, in JSON and in protobuf alike: an AnyValue array takes two or three levels, a
    /// key-value list three or four, so values nest about 250 lists or 330 arrays deep. OTLP sets no limit; the
    /// readers and writers that follow an AnyValue down recurse, and this keeps them far from the stack's end.
    /// </summary>
    public const int MaxDepth = 1000;

    /// <summary>
    /// How deep the OTLP JSON written for an export may be: an array value a protobuf export nests in two levels
    /// takes three in JSON, so an export accepted at <see cref="MaxDepth"/> may need half as many again.
    /// </summary>
    public const int MaxWriteDepth = 2 * MaxDepth;

    /// <summary>The options every OTLP read and write uses, proto3's JSON habits included: see <see cref="Proto3Defaults"/>.</summary>
    public static readonly JsonSerializerOptions Proto3 = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        // Reading is held to MaxDepth before this reader runs (JsonBodyCheck); this is for writing.
        MaxDepth = MaxWriteDepth,
        TypeInfoResolver = new OtlpJson().WithAddedModifier(Proto3Defaults),
    };

    public static JsonTypeInfo<TracesData> Traces { get; } = (JsonTypeInfo<TracesData>)Proto3.GetTypeInfo(typeof(TracesData));

    public static JsonTypeInfo<MetricsData> Metrics { get; } = (JsonTypeInfo<MetricsData>)Proto3.GetTypeInfo(typeof(MetricsData));

    public static JsonTypeInfo<LogsData> Logs { get; } = (JsonTypeInfo<LogsData>)Proto3.GetTypeInfo(typeof(LogsData));

    /// <summary>
    /// A null for a string or a list reads as its default, "" or empty, as proto3 JSON says, and so does a null
    /// element of a list of messages: an empty message, as the OpenTelemetry Collector reads it (protobuf has no
    /// null element to send); the message holding the list notes which list it was, so that OtlpInspection
    /// reports it. An empty string or list is not written, like any other default. AnyValue is left alone: it
    /// is a oneof, where an empty string is a value that must be written. Unknown keys are kept for findings
    /// but never written.
    /// </summary>
    private static void Proto3Defaults(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in type.Properties)
        {
            if (property.IsExtensionData)
            {
                property.ShouldSerialize = static (_, _) => false;
                continue;
            }
            if (type.Type == typeof(AnyValue))
                continue;
            Type? message = null;
            if (property.PropertyType == typeof(string))
            {
                property.ShouldSerialize = static (_, value) => !string.IsNullOrEmpty((string?)value);
            }
            else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                property.ShouldSerialize = static (_, value) => value is ICollection { Count: > 0 };
                var element = property.PropertyType.GetGenericArguments()[0];
                message = element.IsValueType ? null : element;
            }
            else
            {
                continue;
            }
            if (property.Set is { } set)
                property.Set = (target, value) =>
                {
                    if (value is null)
                        return;
                    if (message is not null && FillNulls((IList)value, () => type.Options.GetTypeInfo(message).CreateObject!()) && target is OtlpMessage holder)
                        (holder.NullItems ??= []).Add(property.Name);
                    set(target, value);
                };
        }
    }

    /// <summary>Replaces each null element with an empty message; says whether there was one.</summary>
    private static bool FillNulls(IList list, Func<object> empty)
    {
        var filled = false;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
                (list[i], filled) = (empty(), true);
        }
        return filled;
    }
}
