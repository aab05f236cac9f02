using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace Beacon.MockServer.Http;

/// <summary>The steps every JSON body shares, on the wire routes and the mock's own: its media type, its depth and its shape.</summary>
internal static class StrictJson
{
    /// <summary>How deep a JSON body may nest: deeper is refused, as a body no Beacon client sends.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Deserializes a body already known to be well-formed JSON. A mistyped field becomes an error that names it
    /// and what it should be, never the serializer's words about .NET types; null is refused.
    /// </summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, ValidationErrors errors)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            if (JsonContract.ExpectedAt(typeInfo, e.Path) is { } expected)
                errors.Add(field, field == "$" ? $"the request body must be {expected}" : $"must be {expected}");
            else
                errors.Add(field, "has the wrong JSON type or value");
            return null;
        }
        catch (InvalidOperationException e)
        {
            errors.Add("$", $"could not be read: {e.Message}");
            return null;
        }
        if (value is null)
            errors.Add("$", "the request body must be a JSON object, not null");
        return value;
    }

    /// <summary>What is wrong with a JSON value <see cref="IsText"/> refuses, as an error message reads after its field.</summary>
    public const string NotText = "holds an escaped lone surrogate (such as \\ud800), which is not text";

    /// <summary>
    /// Whether every string and property name in <paramref name="value"/> is text. JSON can escape half a
    /// surrogate pair ("\ud800"); a JsonElement keeps it, but can neither read it as a string nor write it
    /// out again, so a value that is kept and answered later must be refused when it arrives.
    /// </summary>
    public static bool IsText(JsonElement value)
    {
        try
        {
            ReadEveryString(value);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ReadEveryString(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                _ = value.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    ReadEveryString(item);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    _ = property.Name;
                    ReadEveryString(property.Value);
                }
                break;
        }
    }

    /// <summary><c>application/json</c> or any <c>+json</c> type, parameters such as charset allowed.</summary>
    public static bool IsJsonMediaType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The 415 for a Content-Type that is not JSON.</summary>
    public static BodyFailure UnsupportedMediaType(string contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", $"Content-Type '{contentType}' is not supported here; send application/json.");

    /// <summary>"$.trace_transactions[0].id" becomes "trace_transactions[0].id"; the root stays "$".</summary>
    internal static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$"
        : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..]
        : jsonPath.TrimStart('$');
}
