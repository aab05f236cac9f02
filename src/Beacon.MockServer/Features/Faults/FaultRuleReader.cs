using System.Text.Json;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// Reads the body of <c>POST /mock/faults</c> as strictly as the wire routes read theirs: a malformed or
/// mistyped body is a 400 that names the field, never a 5xx and never the serializer's words about .NET types.
/// </summary>
internal static class FaultRuleReader
{
    public static async Task<(FaultRuleRequest? Rule, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes)
    {
        // Like the wire routes, a missing Content-Type is read as JSON (curl sends none with --data-binary @-).
        if (request.ContentType is { Length: > 0 } contentType
            && !(MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
                && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                    || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"Content-Type '{contentType}' is not supported here; send application/json."));
        }

        var body = await RequestBody.ReadAsync(request, maxBytes, request.HttpContext.RequestAborted);
        if (body.Failure is { } failure)
        {
            return (null, failure.Status == StatusCodes.Status413PayloadTooLarge
                ? Problems.Status(failure.Status, failure.Title, $"A fault rule is at most {maxBytes} bytes.")
                : failure.ToProblem());
        }
        if (body.Bytes.Length == 0)
            return (null, Problems.Validation("$", "the request body is empty; send a JSON object such as {\"status\": 503}"));
        var scan = JsonBodyScan.Scan(body.Bytes);
        if (!scan.IsJson)
            return (null, Problems.Validation("$", $"the request body is not well-formed JSON: {scan.Error}"));

        var typeInfo = WireJson.Default.FaultRuleRequest;
        try
        {
            return JsonSerializer.Deserialize(body.Bytes, typeInfo) is { } rule
                ? (rule, null)
                : (null, Problems.Validation("$", "the request body must be a JSON object, not null"));
        }
        catch (JsonException e)
        {
            var field = WireRequest.FieldOf(e.Path);
            return (null, JsonContract.ExpectedAt(typeInfo, e.Path) is { } expected
                ? Problems.Validation(field, field == "$" ? $"the request body must be {expected}" : $"must be {expected}")
                : Problems.Validation(field, "has the wrong JSON type or value"));
        }
        catch (InvalidOperationException e)
        {
            return (null, Problems.Validation("$", $"could not be read: {e.Message}"));
        }
    }
}
