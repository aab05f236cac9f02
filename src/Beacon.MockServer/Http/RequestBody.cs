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
