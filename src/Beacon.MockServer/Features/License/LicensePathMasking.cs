using System.Text.RegularExpressions;
using Beacon.MockServer.Http;
using Serilog.Core;
using Serilog.Events;

namespace Beacon.MockServer.Features.License;

/// <summary>
/// <c>/mock/licenses/{key}</c> carries a license key in its path, and the request path rides on every log
/// event of a request (the request log line, and ASP.NET Core's request scope on the others). This masks
/// the key wherever the path appears, in every form a client can write it (doubled slashes, a trailing
/// slash, any case, escaped characters), under the one fingerprint the handlers log it by.
/// </summary>
internal sealed partial class LicensePathMasking : ILogEventEnricher
{
    private static readonly string[] Properties = ["RequestPath", "Path"];

    [GeneratedRegex("/mock/+licenses/+(?<key>[^/?#]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyInPath();

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in Properties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path } && Mask(path) is { } masked)
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
        }
    }

    /// <summary>The path with the key after /mock/licenses/ masked; null when it holds none.</summary>
    internal static string? Mask(string path)
    {
        var match = KeyInPath().Match(path);
        if (!match.Success)
            return null;
        var key = match.Groups["key"];
        return string.Concat(path.AsSpan(0, key.Index), Secrets.Mask(KeyOf(key.Value)), path.AsSpan(key.Index + key.Length));
    }

    /// <summary>
    /// The key a path segment names. The server decodes a path but leaves <c>%2F</c> as it came (it would
    /// otherwise split the segment), so the rest is decoded here: <c>a%2Fb</c> is the key <c>a/b</c>.
    /// </summary>
    public static string KeyOf(string segment) => Uri.UnescapeDataString(segment);
}
