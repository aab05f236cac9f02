using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Beacon.MockServer.Http;

/// <summary>The steps every JSON body shares, on the wire routes and the mock's own: its media type, and its shape.</summary>
public static class StrictJson
{
    /// <summary>
    /// Deserializes a body already known to be well-formed JSON. A mistyped field becomes a 400 that names it
    /// and what it should be, never the serializer's words about .NET types; null is refused.
    /// </summary>
    public static ProblemHttpResult? Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, out T? value)
        where T : class
    {
        value = null;
        try
        {
            value = JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return JsonContract.ExpectedAt(typeInfo, e.Path) is { } expected
                ? Problems.Validation(field, field == "$" ? $"the request body must be {expected}" : $"must be {expected}")
                : Problems.Validation(field, "has the wrong JSON type or value");
        }
        catch (InvalidOperationException e)
        {
            return Problems.Validation("$", $"could not be read: {e.Message}");
        }
        return value is null ? Problems.Validation("$", "the request body must be a JSON object, not null") : null;
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

    /// <summary>Null for <c>application/json</c> or any <c>+json</c> type (parameters such as charset allowed); else the 415 to answer.</summary>
    public static ProblemHttpResult? CheckMediaType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            ? null
            : Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"Content-Type '{contentType}' is not supported here; send application/json.");

    /// <summary>"$.trace_transactions[0].id" becomes "trace_transactions[0].id"; the root stays "$".</summary>
    internal static string FieldOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$"
        : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..]
        : jsonPath.TrimStart('$');
}
