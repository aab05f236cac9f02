using System.Buffers;

namespace Beacon.MockServer.Http;

/// <summary>
/// A request body read whole into memory, or why it could not be: larger than allowed (413), or cut
/// off or malformed on the wire (400). Either way, what did arrive is kept for the capture.
/// </summary>
internal sealed record RequestBody(byte[] Bytes, long BytesSeen, BodyFailure? Failure = null)
{
    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        // A declared length over the limit is refused without reading a byte of it.
        if (request.ContentLength is long declared && declared > maxBytes)
            return TooLarge([], declared, maxBytes);

        var capacity = (int)Math.Min(request.ContentLength ?? 4096, maxBytes);
        using var buffer = new MemoryStream(capacity);
        // Every wire request passes here: a pooled chunk spares each one a fresh, zeroed 16 KiB array.
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    return TooLarge(buffer.ToArray(), buffer.Length + read, maxBytes);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Kestrel's own limits and framing errors, or a client that went away mid-body.
            var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            return new RequestBody(buffer.ToArray(), buffer.Length,
                new BodyFailure(status, "Request body unreadable.", $"The body could not be read whole: {e.Message}"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return new RequestBody(buffer.ToArray(), buffer.Length);
    }

    private static RequestBody TooLarge(byte[] bytes, long seen, int maxBytes) =>
        new(bytes, seen, new BodyFailure(StatusCodes.Status413PayloadTooLarge, "Request body too large.",
            $"The body is larger than {maxBytes} bytes (Beacon:MaxBodyBytes)."));
}

/// <summary>
/// Why a request cannot be taken (its body unreadable, too large, malformed or invalid, its credential refused), as
/// the problem that answers it; <see cref="Errors"/> keys what is wrong by field, for a validation problem.
/// </summary>
/// <param name="Extensions">Members the problem carries beside its detail (a refusal's <c>reason</c>).</param>
/// <param name="Body">
/// A JSON body to answer as it is, where the route's error shape is JSON of its own choosing (a fault rule's body on a
/// Beacon JSON route); a route whose shape is fixed (OTLP's Status) answers <see cref="Detail"/> instead.
/// </param>
internal sealed record BodyFailure(
    int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null, System.Text.Json.JsonElement? Body = null)
{
    /// <summary>A 400 whose one error names <paramref name="field"/>.</summary>
    public static BodyFailure Invalid(string field, string message) => new ValidationErrors().With(field, message).ToFailure();

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() =>
        Errors is { } errors ? Problems.Validation(errors)
        : Problems.Status(Status, Title, Detail, Extensions is null ? null : new Dictionary<string, object?>(Extensions));

    /// <summary>The answer of a route whose error shape is problem details: <see cref="Body"/> as it is when set, else the problem.</summary>
    public IResult ToJsonAnswer() =>
        Body is { } body ? TypedResults.Text(body.GetRawText(), "application/json", statusCode: Status) : ToProblem();
}
