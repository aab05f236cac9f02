using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Beacon.MockServer.Store;

/// <summary>A JSON value kept as its UTF-8 text, written out as it is.</summary>
[JsonConverter(typeof(RawJsonConverter))]
internal sealed class RawJson
{
    private RawJson(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Wraps bytes the caller has already checked to be one well-formed JSON value.</summary>
    public static RawJson FromValidated(ReadOnlySpan<byte> utf8) => new(utf8.ToArray());

    /// <summary>Wraps JSON that was stored whole (a slice of a stored capture), without copying it.</summary>
    public static RawJson Over(ReadOnlyMemory<byte> utf8) => new(utf8);

    public static RawJson Serialize<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>The value the reader is on, copied.</summary>
    public static RawJson Read(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            document.RootElement.WriteTo(writer);
        return new RawJson(buffer.ToArray());
    }

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => RawJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) => WriteOneLine(writer, value.Utf8.Span);

    /// <summary>
    /// Writes JSON text already known to be valid. A body sent pretty-printed keeps its line breaks, but a capture
    /// is written on one line: the NDJSON export holds one capture per line. In valid JSON a raw CR or LF is only
    /// ever whitespace between tokens (inside a string it must be escaped), so a space stands in for it.
    /// </summary>
    public static void WriteOneLine(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            writer.WriteRawValue(utf8, skipInputValidation: true);
            return;
        }
        var oneLine = utf8.ToArray();
        oneLine.AsSpan().Replace((byte)'\r', (byte)' ');
        oneLine.AsSpan().Replace((byte)'\n', (byte)' ');
        writer.WriteRawValue(oneLine, skipInputValidation: true);
    }
}
