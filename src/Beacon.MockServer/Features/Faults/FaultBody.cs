using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// The body a fault rule answers with: any JSON value. Posted, it is JSON; configured, it is JSON written as text
/// (<c>Beacon:Faults:0:Body={"detail": "down"}</c>), and text that is not JSON is kept with <see cref="Error"/> so the
/// start-up check can name the key.
/// </summary>
[JsonConverter(typeof(FaultBodyJsonConverter))]
[TypeConverter(typeof(FaultBodyTextConverter))]
internal sealed class FaultBody
{
    private FaultBody(JsonElement value, string? error) => (Value, Error) = (value, error);

    /// <summary>The JSON value; undefined when <see cref="Error"/> is set.</summary>
    public JsonElement Value { get; }

    /// <summary>Why configured text is not JSON; null when it is.</summary>
    public string? Error { get; }

    public static FaultBody Of(JsonElement value) => new(value.Clone(), null);

    public static FaultBody Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return new FaultBody(document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return new FaultBody(default, e.Message);
        }
    }
}

internal sealed class FaultBodyJsonConverter : JsonConverter<FaultBody>
{
    public override FaultBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return FaultBody.Of(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, FaultBody value, JsonSerializerOptions options) => value.Value.WriteTo(writer);
}

/// <summary>How the configuration binder reads a configured body: as JSON text.</summary>
internal sealed class FaultBodyTextConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text && !string.IsNullOrWhiteSpace(text) ? FaultBody.Parse(text) : null;
}
