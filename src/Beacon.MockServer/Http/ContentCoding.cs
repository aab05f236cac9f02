using System.IO.Compression;

namespace Beacon.MockServer.Http;

/// <summary>
/// Undoes a request's Content-Encoding: none, <c>gzip</c> or <c>deflate</c> (zlib-wrapped, or raw as some
/// clients send it). The limit applies to the inflated bytes as well, so a small body that inflates without
/// end (a gzip bomb) is stopped at the limit, not when memory runs out.
/// </summary>
internal static class ContentCoding
{
    public const string Gzip = "gzip";
    public const string Deflate = "deflate";

    /// <summary>
    /// Reads the request's body (<see cref="RequestBody.ReadAsync"/>) and undoes its Content-Encoding, each
    /// under <paramref name="maxBytes"/>; the decoding is skipped when the read failed, and carries its failure.
    /// </summary>
    public static async Task<(RequestBody Read, DecodedBody Decoded)> ReadAsync(HttpRequest request, int maxBytes)
    {
        var read = await RequestBody.ReadAsync(request, maxBytes, request.HttpContext.RequestAborted);
        var decoded = read.Failure is null
            ? Decode(request.Headers.ContentEncoding.ToString(), read.Bytes, maxBytes)
            : new DecodedBody(read.Bytes, null, read.Failure);
        return (read, decoded);
    }

    /// <summary>The body as the route should read it, and the coding it arrived in (null when none).</summary>
    public static DecodedBody Decode(string? contentEncoding, byte[] body, int maxBytes)
    {
        var coding = contentEncoding?.Trim();
        if (string.IsNullOrEmpty(coding) || coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return new DecodedBody(body, null);
        if (coding.Equals(Gzip, StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            return Inflate(body, Gzip, maxBytes);
        if (coding.Equals(Deflate, StringComparison.OrdinalIgnoreCase))
            return Inflate(body, Deflate, maxBytes);
        return new DecodedBody(body, coding, new BodyFailure(StatusCodes.Status415UnsupportedMediaType, "Unsupported content encoding.",
            $"Content-Encoding '{coding}' is not supported; send the body uncompressed, or with gzip or deflate."));
    }

    private static DecodedBody Inflate(byte[] body, string coding, int maxBytes)
    {
        if (body.Length == 0)
            return new DecodedBody(body, coding);
        try
        {
            using var input = new MemoryStream(body, writable: false);
            var zlib = coding == Deflate && IsZlib(body);
            using Stream inflater = coding == Gzip ? new GZipStream(input, CompressionMode.Decompress)
                : zlib ? new ZLibStream(input, CompressionMode.Decompress)
                : new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(Math.Min(maxBytes, body.Length * 4));
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = inflater.Read(chunk)) > 0)
            {
                if (output.Length + read > maxBytes)
                    return new DecodedBody(body, coding, new BodyFailure(StatusCodes.Status413PayloadTooLarge, "Request body too large.",
                        $"The body inflates past {maxBytes} bytes (Beacon:MaxBodyBytes applies after decompression too)."));
                output.Write(chunk, 0, read);
            }
            var inflated = output.ToArray();
            if (!EndsWhole(body, inflated, coding, zlib))
                return Corrupt(body, coding, "it breaks off before its end");
            return new DecodedBody(inflated, coding);
        }
        catch (InvalidDataException e)
        {
            return Corrupt(body, coding, e.Message);
        }
    }

    private static DecodedBody Corrupt(byte[] body, string coding, string why) =>
        new(body, coding, new BodyFailure(StatusCodes.Status400BadRequest, "Corrupt compressed body.",
            $"The body is not valid {coding} data: {why}."));

    /// <summary>
    /// .NET's inflaters end quietly where a truncated body ends, so check the trailer: gzip's ISIZE (the
    /// length mod 2^32 of the last member, RFC 1952) and zlib's Adler-32 (RFC 1950). Raw deflate has none.
    /// </summary>
    private static bool EndsWhole(byte[] body, byte[] inflated, string coding, bool zlib)
    {
        if (coding == Gzip)
        {
            if (body.Length < 18)
                return false;
            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(body.Length - 4));
            // Several members (rare, but valid) end with the last one's size, which is smaller than the whole.
            return size == (uint)inflated.Length
                || (size < inflated.Length && body.AsSpan(10).IndexOf([(byte)0x1F, (byte)0x8B, (byte)0x08]) >= 0);
        }
        if (zlib)
            return body.Length >= 6
                && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(body.Length - 4)) == Adler32(inflated);
        return true;
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            // 5552 bytes is the most that can be summed before b may overflow 32 bits (zlib's NMAX).
            var block = data[..Math.Min(data.Length, 5552)];
            foreach (var x in block)
            {
                a += x;
                b += a;
            }
            a %= Mod;
            b %= Mod;
            data = data[block.Length..];
        }
        return (b << 16) | a;
    }

    /// <summary>RFC 1950's two-byte header: method 8 (deflate), and a check that makes it a multiple of 31.</summary>
    private static bool IsZlib(byte[] body) =>
        body.Length >= 2 && (body[0] & 0x0F) == 8 && ((body[0] << 8) | body[1]) % 31 == 0;
}

/// <param name="Bytes">The body after decoding; the bytes as received when decoding failed.</param>
/// <param name="Coding">The content coding it arrived in, lower-case for those understood; null for none.</param>
internal sealed record DecodedBody(byte[] Bytes, string? Coding, BodyFailure? Failure = null);
