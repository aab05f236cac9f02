namespace Beacon.MockServer.Pipeline;

/// <summary>A request header a capture keeps when present, registered by the feature that reads it.</summary>
internal sealed record CapturedHeader(string Name);

/// <summary>Every header a capture keeps when present: the body's own, and those the features registered.</summary>
internal sealed class CapturedHeaders(IEnumerable<CapturedHeader> registered)
{
    public IReadOnlyList<string> Names { get; } =
        [.. new[] { "Content-Type", "Content-Encoding", "User-Agent" }.Concat(registered.Select(h => h.Name)).Distinct(StringComparer.OrdinalIgnoreCase)];
}
