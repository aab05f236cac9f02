using System.Buffers;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace Beacon.MockServer.Http;

/// <summary>
/// Paths and URLs as logs show them. A client chooses them, and may put a key in one (a mistyped route such as
/// <c>/v1/beacon/lcl_…</c>, a <c>?license=</c> query), so before a path reaches a log line:
/// <list type="bullet">
/// <item>a path segment that looks like a key is masked (<see cref="Secrets.Mask"/>): one that starts
/// <c>lcl_</c>, <c>lsv2_</c> or <c>ls__</c>, or a token of 32 or more letters, digits and <c>-._~+=</c> that
/// mixes letters and digits (no route of the mock has such a segment; a namespace that long is masked too);</item>
/// <item>in a URL, every query value is masked, whatever it looks like: the name stays, so a line still says
/// what was sent.</item>
/// </list>
/// </summary>
internal static class UrlMasking
{
    private static readonly string[] KeyPrefixes = ["lcl_", "lsv2_", "ls__"];

    /// <summary>What a key or token is made of (URL-safe base64 and the like), '%' for an escaped character.</summary>
    private static readonly SearchValues<char> TokenCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+=%");

    /// <summary>The path with each segment that looks like a key masked; the same string (nothing allocated) when none does.</summary>
    public static string Path(string path)
    {
        StringBuilder? masked = null;
        var done = 0;
        for (var start = 0; start <= path.Length;)
        {
            var slash = path.IndexOf('/', start);
            var end = slash < 0 ? path.Length : slash;
            if (LooksLikeKey(path.AsSpan(start, end - start)))
            {
                masked ??= new StringBuilder(path.Length);
                masked.Append(path, done, start - done).Append(Mask(path[start..end]));
                done = end;
            }
            start = end + 1;
        }
        return masked is null ? path : masked.Append(path, done, path.Length - done).ToString();
    }

    /// <summary>A URL (absolute, or a path with its query) with key-like path segments and every query value masked.</summary>
    public static string Url(string url)
    {
        var query = url.IndexOf('?');
        var path = query < 0 ? url : url[..query];
        // An absolute URL's path starts after its authority; the scheme and host are left as they are.
        var start = path.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? path.IndexOf('/', scheme + 3) : 0;
        var masked = path;
        if (start >= 0 && path[start..] is var rest && Path(rest) is var maskedRest && !ReferenceEquals(maskedRest, rest))
            masked = string.Concat(path.AsSpan(0, start), maskedRest);
        if (query < 0)
            return ReferenceEquals(masked, path) ? url : masked;
        // Every value, whatever it looks like; a bare word (no '=') only when it looks like a key.
        var pairs = url[(query + 1)..].Split('&').Select(pair => pair.IndexOf('=') is var equals and >= 0
            ? equals < pair.Length - 1 ? $"{pair[..equals]}={Mask(pair[(equals + 1)..])}" : pair
            : LooksLikeKey(pair) ? Mask(pair) : pair);
        return $"{masked}?{string.Join('&', pairs)}";
    }

    /// <summary>A segment or value masked under the key it stands for: escaped characters decoded first.</summary>
    private static string Mask(string escaped) => Secrets.Mask(Uri.UnescapeDataString(escaped));

    private static bool LooksLikeKey(ReadOnlySpan<char> segment)
    {
        if (segment.Length < 4 || segment.ContainsAnyExcept(TokenCharacters))
            return false;
        foreach (var prefix in KeyPrefixes)
        {
            if (segment.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        // Escaped characters count as the characters they stand for.
        var decoded = segment.Contains('%') ? Uri.UnescapeDataString(segment.ToString()).AsSpan() : segment;
        return decoded.Length >= 32 && !decoded.ContainsAnyExcept(TokenCharacters) && decoded.ContainsAnyInRange('0', '9')
            && (decoded.ContainsAnyInRange('a', 'z') || decoded.ContainsAnyInRange('A', 'Z'));
    }
}

/// <summary>
/// The request path rides on every log event of a request (the request log line, and ASP.NET Core's request scope
/// on the others): masked by <see cref="UrlMasking.Url"/> wherever it appears. Runs after any feature's own masking
/// of a path it knows (<c>/mock/licenses/{key}</c>), whose masked form this leaves alone.
/// </summary>
internal sealed class RequestPathMasking : ILogEventEnricher
{
    private static readonly string[] Properties = ["RequestPath", "Path"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in Properties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path }
                && UrlMasking.Url(path) is var masked && !ReferenceEquals(masked, path))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
        }
    }
}
