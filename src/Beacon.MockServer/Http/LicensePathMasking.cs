using Serilog.Core;
using Serilog.Events;

namespace Beacon.MockServer.Http;

/// <summary>
/// <c>/mock/licenses/{key}</c> carries a license key in its path, and the request path rides on every log
/// event of a request (the request log line, and ASP.NET Core's request scope on the others). This masks
/// the key wherever the path appears, so no log line holds it whole.
/// </summary>
public sealed class LicensePathMasking : ILogEventEnricher
{
    private const string Property = "RequestPath";
    private const string Route = "/mock/licenses/";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue(Property, out var value) && value is ScalarValue { Value: string path } && Mask(path) is { } masked)
            logEvent.AddOrUpdateProperty(new LogEventProperty(Property, new ScalarValue(masked)));
    }

    /// <summary>The path with the key after /mock/licenses/ masked; null when it holds none.</summary>
    internal static string? Mask(string path)
    {
        var start = path.IndexOf(Route, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
            return null;
        start += Route.Length;
        var end = path.IndexOfAny(['/', '?'], start);
        if (end < 0)
            end = path.Length;
        if (end == start)
            return null;
        return string.Concat(path.AsSpan(0, start), Secrets.Mask(Uri.UnescapeDataString(path[start..end])), path.AsSpan(end));
    }
}
