using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Beacon.MockServer.Http;

/// <summary>
/// How long a URL and how many and how large the headers may be. Kestrel refuses a request past its own
/// limits before the app sees it, with an empty body; its limits are set above these, so that a request
/// past these is refused by the app instead, in the routed surface's error shape with a body that says
/// what was too large. Only a request past Kestrel's limits still gets Kestrel's bare 414 or 431.
/// </summary>
internal static class RequestLimits
{
    public const int MaxUrlLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaderCount = 100;

    /// <summary>Kestrel's own limits: eight times the app's, so there is room between them for a clear answer.</summary>
    public static void Configure(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 8 * MaxUrlLength;
        limits.MaxRequestHeadersTotalSize = 8 * MaxHeaderBytes;
        limits.MaxRequestHeaderCount = 8 * MaxHeaderCount;
    }

    /// <summary>What is too large about the request's URL or headers; null when nothing is.</summary>
    public static BodyFailure? Check(HttpRequest request)
    {
        var url = request.PathBase.Value!.Length + request.Path.Value!.Length + request.QueryString.Value!.Length;
        if (url > MaxUrlLength)
        {
            return new BodyFailure(StatusCodes.Status414UriTooLong, "URL too long.",
                $"The URL's path and query are {url} characters; the mock takes at most {MaxUrlLength}.");
        }
        if (request.Headers.Count > MaxHeaderCount)
        {
            return new BodyFailure(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Too many headers.",
                $"The request has {request.Headers.Count} headers; the mock takes at most {MaxHeaderCount}.");
        }
        var (total, largest, largestName) = (0, 0, "");
        foreach (var (name, values) in request.Headers)
        {
            // StringValues' own enumerator: every request passes here, and LINQ would box one per header.
            var size = name.Length;
            foreach (var value in values)
                size += value?.Length ?? 0;
            total += size;
            if (size > largest)
                (largest, largestName) = (size, name);
        }
        return total > MaxHeaderBytes
            ? new BodyFailure(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Headers too large.",
                $"The headers are {total} characters, {largest} of them in '{largestName}'; the mock takes at most {MaxHeaderBytes} in all.")
            : null;
    }
}
