using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// What a 4xx must look like on each surface, checked the same way by every reliability test: a problem
/// (RFC 9457) on the Beacon JSON routes and the mock's API, a google.rpc.Status in the request's encoding
/// on OTLP. Each check returns what is wrong, or null.
/// </summary>
internal static class Refusals
{
    public static bool IsOtlp(string path) => path.Contains("/v1/beacon/v1/", StringComparison.Ordinal);

    /// <summary>A problem whose status is the response's, with a title, and nothing of an exception in it.</summary>
    public static string? CheckProblem(HttpResponseMessage response, byte[] body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"a {(int)response.StatusCode} that is {response.Content.Headers.ContentType?.MediaType ?? "untyped"}, not application/problem+json";
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (!root.TryGetProperty("status", out var status) || !status.TryGetInt32(out var value) || value != (int)response.StatusCode)
                return "a problem whose status is not the response's";
            if (!root.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
                return "a problem without a title";
            var text = root.GetRawText();
            return text.Contains("Exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal)
                ? "a problem that shows an exception"
                : null;
        }
        catch (JsonException e)
        {
            return $"a problem body that is not JSON: {e.Message}";
        }
    }

    /// <summary>A google.rpc.Status in the request's encoding, whose code is the one OTLP maps the HTTP status to, with a message.</summary>
    public static string? CheckStatus(HttpResponseMessage response, byte[] body, string? requestContentType)
    {
        if (CheckOtlpEncoding(response, requestContentType) is { } wrong)
            return wrong;
        Proto.Status status;
        try
        {
            status = response.Content.Headers.ContentType!.MediaType == Infrastructure.Otlp.Protobuf
                ? Proto.Status.Parser.ParseFrom(body)
                : JsonParser.Default.Parse<Proto.Status>(Encoding.UTF8.GetString(body));
        }
        catch (IOException e)
        {
            // Both parsers' errors are IOExceptions: InvalidProtocolBufferException and InvalidJsonException.
            return $"a {(int)response.StatusCode} whose body is not a google.rpc.Status: {e.Message}";
        }
        var expected = (int)response.StatusCode switch
        {
            401 => 16, // UNAUTHENTICATED
            403 => 7, // PERMISSION_DENIED
            404 => 5, // NOT_FOUND
            408 => 4, // DEADLINE_EXCEEDED
            429 => 8, // RESOURCE_EXHAUSTED
            _ => 3, // INVALID_ARGUMENT
        };
        return status.Code != expected ? $"a Status with code {status.Code}, not {expected}"
            : string.IsNullOrWhiteSpace(status.Message) ? "a Status without a message"
            : null;
    }

    /// <summary>Any OTLP answer, success or not, is encoded like the request: JSON when its type names neither encoding.</summary>
    public static string? CheckOtlpEncoding(HttpResponseMessage response, string? requestContentType)
    {
        var answered = response.Content.Headers.ContentType?.MediaType;
        if (answered is not (Infrastructure.Otlp.Protobuf or Infrastructure.Otlp.Json))
            return $"an OTLP answer in '{answered}'";
        var expected = RequestEncoding(requestContentType);
        return expected is not null && expected != answered ? $"an OTLP answer in {answered}, not the request's {expected}" : null;
    }

    /// <summary>
    /// The encoding the answer must have: the request's when its Content-Type names one, else JSON. Null for a
    /// header this parser cannot read, which the server's parser may read otherwise: then either will do.
    /// </summary>
    private static string? RequestEncoding(string? contentType) =>
        contentType is null ? Infrastructure.Otlp.Json
        : !MediaTypeHeaderValue.TryParse(contentType, out var type) ? null
        : type.MediaType?.ToLowerInvariant() switch
        {
            "application/x-protobuf" or "application/protobuf" => Infrastructure.Otlp.Protobuf,
            _ => Infrastructure.Otlp.Json,
        };
}
