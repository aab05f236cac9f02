using System.Net;
using System.Text.Json;

namespace Beacon.MockServer.Client;

/// <summary>Turns an error answer into the exception that says what the mock said.</summary>
internal static class Problems
{
    /// <summary>Reads the problem a failed answer carries; a body that is not a problem is kept as text.</summary>
    public static async Task<BeaconMockException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/problem+json" or "application/json") || !TryParse(text, out var problem))
            return new BeaconMockException(response.StatusCode, null, null, body: text.Length == 0 ? null : text);

        var title = String(problem, "title");
        var detail = String(problem, "detail");
        var extensions = new Dictionary<string, JsonElement>();
        foreach (var member in problem.EnumerateObject())
        {
            if (member.Name is not ("type" or "title" or "status" or "detail" or "instance" or "errors"))
                extensions[member.Name] = member.Value.Clone();
        }
        if (response.StatusCode == HttpStatusCode.RequestTimeout && Number(problem, "expected") is { } expected)
        {
            return new BeaconMockWaitTimeoutException(title, detail, (int)expected, (int)(Number(problem, "matched") ?? 0),
                Number(problem, "lastSequence") ?? 0, extensions,
                problem.TryGetProperty("filters", out var filters) && filters.ValueKind == JsonValueKind.Object
                    ? filters.Deserialize(ClientJson.Default.DictionaryStringString) : null,
                problem.TryGetProperty("nearMisses", out var misses) && misses.ValueKind == JsonValueKind.Array
                    ? misses.Deserialize(ClientJson.Default.IReadOnlyListNearMiss) : null);
        }
        return new BeaconMockException(response.StatusCode, title, detail, Errors(problem), extensions);
    }

    private static bool TryParse(string text, out JsonElement problem)
    {
        problem = default;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return false;
            problem = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? String(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;

    private static Dictionary<string, string[]> Errors(JsonElement problem)
    {
        var errors = new Dictionary<string, string[]>();
        if (!problem.TryGetProperty("errors", out var map) || map.ValueKind != JsonValueKind.Object)
            return errors;
        foreach (var field in map.EnumerateObject())
        {
            errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                ? [.. field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText())]
                : [field.Value.ToString()];
        }
        return errors;
    }
}
