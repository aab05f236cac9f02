using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Http;

/// <summary>
/// Reads the JSON body of a /mock route (a fault rule, a license) as strictly as the wire routes read theirs, and
/// more: a duplicate key is refused, since a rule or license that says two things must not silently mean one. A
/// malformed or mistyped body is a 400 that names the field, never a 5xx and never the serializer's words.
/// </summary>
internal static class MockJsonBody
{
    /// <summary>The largest body a /mock route reads.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <param name="maxBytes">The largest body this route reads, as sent and once decompressed; <see cref="MaxBytes"/> unless the route says.</param>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, string example, int maxBytes = MaxBytes)
        where T : class
    {
        // Like the wire routes, a missing Content-Type is read as JSON (curl sends none with --data-binary @-).
        if (request.ContentType is { Length: > 0 } contentType && !StrictJson.IsJsonMediaType(contentType))
            return (null, StrictJson.UnsupportedMediaType(contentType).ToProblem());

        // Compressed the way the wire routes take it, or refused the way they refuse it.
        var (_, body) = await ContentCoding.ReadAsync(request, maxBytes);
        if (body.Failure is { } failure)
        {
            return (null, failure.Status == StatusCodes.Status413PayloadTooLarge
                ? Problems.Status(failure.Status, failure.Title, $"The body is larger than {maxBytes} bytes, as sent or once decompressed.")
                : failure.ToProblem());
        }
        if (body.Bytes.Length == 0)
            return (null, Problems.Validation("$", $"the request body is empty; send a JSON object such as {example}"));
        var check = JsonBodyCheck.Run(body.Bytes, StrictJson.MaxDepth);
        if (!check.IsJson)
            return (null, Problems.Validation("$", $"the request body is not well-formed JSON: {check.Error}"));

        var errors = new ValidationErrors();
        foreach (var duplicate in check.Duplicates)
            errors.Add(duplicate, "is given more than once; give each field once");
        if (errors.Any)
            return (null, errors.ToProblem());
        var value = StrictJson.Deserialize(body.Bytes, typeInfo, errors);
        return errors.Any ? (null, errors.ToProblem()) : (value, null);
    }
}
