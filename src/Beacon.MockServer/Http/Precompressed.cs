using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace Beacon.MockServer.Http;

/// <summary>
/// A file the server sends often and never changes while it runs (the OpenAPI document, the inspector's page and
/// scripts), compressed once at the smallest size with Brotli and gzip, and sent in the coding the client accepts
/// (<c>Vary: Accept-Encoding</c>). Compressing once costs nothing per request; a per-request compressor would use a
/// fast, larger setting. The wire routes are never compressed: a client under test gets what Beacon would send.
/// </summary>
internal sealed class Precompressed
{
    private const string Brotli = "br";
    private const string Gzip = "gzip";

    private readonly Lazy<byte[]> _brotli;
    private readonly Lazy<byte[]> _gzip;

    public Precompressed(byte[] identity)
    {
        Identity = identity;
        _brotli = new(() => Compress(identity, s => new BrotliStream(s, CompressionLevel.SmallestSize)));
        _gzip = new(() => Compress(identity, s => new GZipStream(s, CompressionLevel.SmallestSize)));
    }

    public byte[] Identity { get; }

    /// <summary>The smallest coding <paramref name="request"/> accepts (Brotli, then gzip, then none) and its bytes.</summary>
    public (byte[] Body, string? Coding) For(HttpRequest request)
    {
        var accepted = StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var values) ? values : [];
        bool Accepts(string coding) => accepted.Any(v => v.Quality is not 0 && (v.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) || v.Value == "*"));
        return Accepts(Brotli) ? (_brotli.Value, Brotli) : Accepts(Gzip) ? (_gzip.Value, Gzip) : (Identity, null);
    }

    /// <summary>Chooses the coding for <paramref name="context"/>'s request and sets the headers that say so; returns the body to send.</summary>
    public byte[] Negotiate(HttpContext context)
    {
        var (body, coding) = For(context.Request);
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (coding is not null)
            context.Response.Headers.ContentEncoding = coding;
        return body;
    }

    private static byte[] Compress(byte[] data, Func<Stream, Stream> encoder)
    {
        using var buffer = new MemoryStream();
        using (var stream = encoder(buffer))
            stream.Write(data);
        return buffer.ToArray();
    }
}
