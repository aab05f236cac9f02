using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Forwarder;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// What a proxy passes on, each way. The request goes as it came, less the hop-by-hop headers (YARP drops the
/// fixed ones; the ones its <c>Connection</c> header names are dropped here, RFC 9110 7.6.1) and less
/// <c>Expect: 100-continue</c> (the mock has read the body already: an upstream that sends no 100 would hold each
/// request a second), with no X-Forwarded-* added; the Host is the upstream's (a real Beacon behind a CDN routes by
/// it), and a Via says who forwarded it. The answer comes back less the headers its own <c>Connection</c> names.
/// </summary>
internal sealed class UpstreamTransformer(string via) : HttpTransformer
{
    /// <summary>Whether the upstream's whole answer was copied for the client (YARP asks for its trailers only then).</summary>
    public bool AnsweredWhole { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await Empty.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var name in NamedIn(httpContext.Request.Headers.Connection))
        {
            proxyRequest.Headers.Remove(name);
            proxyRequest.Content?.Headers.Remove(name);
        }
        var expectations = Tokens(httpContext.Request.Headers.Expect).Where(e => !e.Equals("100-continue", StringComparison.OrdinalIgnoreCase)).ToList();
        proxyRequest.Headers.Remove("Expect");
        if (expectations.Count > 0)
            proxyRequest.Headers.TryAddWithoutValidation("Expect", expectations);
        proxyRequest.Headers.Host = null;
        proxyRequest.Headers.Via.ParseAdd(via);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proxyResponse is not null && proxyResponse.Headers.NonValidated.TryGetValues("Connection", out var connection))
        {
            foreach (var name in NamedIn(new StringValues([.. connection])))
                httpContext.Response.Headers.Remove(name);
        }
        return copy;
    }

    public override async ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken)
    {
        await base.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
        AnsweredWhole = true;
    }

    /// <summary>The header names a Connection header lists; a value that is not a header name (junk a client sent) names nothing.</summary>
    private static IEnumerable<string> NamedIn(StringValues connection) => Tokens(connection).Where(IsFieldName);

    private static IEnumerable<string> Tokens(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>An RFC 9110 token: what a field name is.</summary>
    private static bool IsFieldName(string name) =>
        name.Length is > 0 and <= 256 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
