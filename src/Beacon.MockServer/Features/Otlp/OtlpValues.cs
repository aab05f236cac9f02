using System.Globalization;
using System.Text.Json.Nodes;
using Beacon.MockServer.Features.Otlp.Model;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>OTLP values as the views show them: plain JSON and ISO 8601 times.</summary>
internal static class OtlpValues
{
    /// <summary>Unix nanoseconds as a time (to the 100 ns a DateTimeOffset holds); null for 0, which OTLP uses for "unset".</summary>
    public static DateTimeOffset? Time(ulong unixNanos) =>
        unixNanos == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));

    /// <summary>Attributes as one JSON object; a repeated key keeps its last value.</summary>
    public static JsonObject Attributes(List<KeyValue>? attributes)
    {
        var json = new JsonObject();
        foreach (var pair in attributes ?? [])
            json[pair.Key] = Value(pair.Value);
        return json;
    }

    /// <summary>
    /// An AnyValue as plain JSON: strings, booleans and numbers as themselves, arrays as arrays, key-value lists
    /// as objects, bytes as base64 text. A double that JSON cannot hold (NaN, infinities) becomes its name.
    /// </summary>
    public static JsonNode? Value(AnyValue? value) => value switch
    {
        null => null,
        { StringValue: { } text } => JsonValue.Create(text),
        { BoolValue: { } flag } => JsonValue.Create(flag),
        { IntValue: { } number } => JsonValue.Create(number),
        { DoubleValue: { } number } => double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)),
        { ArrayValue: { } array } => new JsonArray([.. array.Values.Select(Value)]),
        { KvlistValue: { } list } => Attributes(list.Values),
        { BytesValue: { } bytes } => JsonValue.Create(Convert.ToBase64String(bytes)),
        _ => null,
    };

    /// <summary>delta, cumulative or unspecified.</summary>
    public static string Temporality(int value) => value switch
    {
        1 => "delta",
        2 => "cumulative",
        _ => "unspecified",
    };
}
