namespace Beacon.MockServer.Http;

/// <summary>A request body read whole into memory, or the fact that it was larger than allowed.</summary>
public sealed record RequestBody(byte[] Bytes, bool TooLarge, long BytesSeen)
{
    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        // A declared length over the limit is refused without reading a byte of it.
        if (request.ContentLength is long declared && declared > maxBytes)
            return new RequestBody([], TooLarge: true, declared);

        var capacity = (int)Math.Min(request.ContentLength ?? 4096, maxBytes);
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return new RequestBody(buffer.ToArray(), TooLarge: true, buffer.Length + read);
            buffer.Write(chunk, 0, read);
        }
        return new RequestBody(buffer.ToArray(), TooLarge: false, buffer.Length);
    }
}
