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
