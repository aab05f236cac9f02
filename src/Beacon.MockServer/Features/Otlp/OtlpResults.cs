using Google.Protobuf;
using Microsoft.Net.Http.Headers;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// OTLP/HTTP responses, encoded like the request (OTLP specification, "OTLP/HTTP Response"): the signal's
/// Export*ServiceResponse on success, with partial_success set only when something was rejected, and a
/// google.rpc.Status for every failure.
/// </summary>
internal static class OtlpResults
{
    public const string ProtobufType = "application/x-protobuf";
    public const string JsonType = "application/json";

    /// <summary>Protobuf messages as OTLP/HTTP's JSON encoding writes them.</summary>
    public static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    /// <summary>The request's encoding from its Content-Type (parameters such as charset ignored), or null for any other.</summary>
    public static OtlpEncoding? EncodingOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            return null;
        var type = mediaType.MediaType;
        if (type.Equals(ProtobufType, StringComparison.OrdinalIgnoreCase) || type.Equals("application/protobuf", StringComparison.OrdinalIgnoreCase))
            return OtlpEncoding.Protobuf;
        if (type.Equals(JsonType, StringComparison.OrdinalIgnoreCase))
            return OtlpEncoding.Json;
        return null;
    }

    /// <summary>The signal's response; partial_success is set when something was rejected, or (OTLP's warning) when there is a message.</summary>
    public static IResult Success(OtlpSignal signal, OtlpEncoding encoding, int rejected, string errorMessage) =>
        new MessageResult(StatusCodes.Status200OK, signal.Answer(rejected, errorMessage), encoding);

    /// <summary>A failure: <paramref name="status"/> with a google.rpc.Status whose code is the matching gRPC code.</summary>
    public static IResult Status(int status, string message, OtlpEncoding encoding) =>
        new MessageResult(status, new Wire.Status { Code = GrpcCodeOf(status), Message = message }, encoding);

    /// <summary>The gRPC status code that corresponds to an HTTP status, as OTLP/HTTP and gRPC gateways pair them.</summary>
    public static int GrpcCodeOf(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status401Unauthorized => 16, // UNAUTHENTICATED
        StatusCodes.Status403Forbidden => 7, // PERMISSION_DENIED
        StatusCodes.Status404NotFound => 5, // NOT_FOUND
        StatusCodes.Status408RequestTimeout => 4, // DEADLINE_EXCEEDED
        StatusCodes.Status429TooManyRequests => 8, // RESOURCE_EXHAUSTED
        StatusCodes.Status501NotImplemented => 12, // UNIMPLEMENTED
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => 14, // UNAVAILABLE
        >= 400 and < 500 => 3, // INVALID_ARGUMENT
        _ => 13, // INTERNAL
    };

    private sealed class MessageResult(int status, IMessage message, OtlpEncoding encoding) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var body = encoding == OtlpEncoding.Protobuf ? message.ToByteArray() : System.Text.Encoding.UTF8.GetBytes(Json.Format(message));
            context.Response.StatusCode = status;
            context.Response.ContentType = encoding == OtlpEncoding.Protobuf ? ProtobufType : JsonType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
