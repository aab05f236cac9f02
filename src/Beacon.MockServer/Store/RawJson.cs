using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Beacon.MockServer.Capture;

/// <summary>
/// A JSON value kept as its UTF-8 text. Captures hold payloads this way because it costs about the
/// wire size, where a parsed document would cost several times that.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson
{
    private RawJson(byte[] utf8) => Utf8 = utf8;

    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Wraps bytes the caller has already checked to be one well-formed JSON value.</summary>
    public static RawJson FromValidated(ReadOnlySpan<byte> utf8) => new(utf8.ToArray());

    /// <summary>A JSON string holding <paramref name="text"/>.</summary>
    public static RawJson FromText(string text) => new(JsonSerializer.SerializeToUtf8Bytes(text, CaptureJson.Default.String));

    public static RawJson Serialize<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public JsonElement ToElement() => JsonDocument.Parse(Utf8).RootElement;

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return RawJson.FromValidated(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, CaptureJson.Default.JsonElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        var utf8 = value.Utf8.Span;
        if (utf8.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            writer.WriteRawValue(utf8, skipInputValidation: true);
            return;
        }

        // A body sent pretty-printed keeps its line breaks, but a capture is written on one line: the NDJSON
        // export holds one capture per line. In valid JSON a raw CR or LF is only ever whitespace between
        // tokens (inside a string it must be escaped), so a space stands in for it.
        var oneLine = utf8.ToArray();
        oneLine.AsSpan().Replace((byte)'\r', (byte)' ');
        oneLine.AsSpan().Replace((byte)'\n', (byte)' ');
        writer.WriteRawValue(oneLine, skipInputValidation: true);
    }
}
