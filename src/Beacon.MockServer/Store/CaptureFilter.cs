namespace Beacon.MockServer.Store;

/// <summary>Which captures a query means; null fields match everything.</summary>
/// <param name="CompletedOnly">Only captures whose response is done (status and details set).</param>
internal sealed record CaptureFilter(string? Kind = null, string? License = null, long? After = null, string? Namespace = null, bool CompletedOnly = false)
{
    public bool Matches(ICaptureKey capture) =>
        (Kind is null || string.Equals(capture.Kind, Kind, StringComparison.Ordinal))
        && (License is null || string.Equals(capture.License, License, StringComparison.Ordinal))
        && (Namespace is null || string.Equals(capture.Namespace, Namespace, StringComparison.Ordinal))
        && (After is null || capture.Sequence > After)
        && (!CompletedOnly || capture.Status is not null);
}
