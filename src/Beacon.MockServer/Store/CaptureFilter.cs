namespace Beacon.MockServer.Store;

/// <summary>Which captures a query means; null fields match everything.</summary>
/// <param name="CompletedOnly">Only captures whose response is done (status and details set).</param>
internal sealed record CaptureFilter(string? Kind = null, string? License = null, long? After = null, string? Namespace = null, bool CompletedOnly = false)
{
    public bool Matches(Capture capture) =>
        (Kind is null || string.Equals(capture.Kind, Kind, StringComparison.Ordinal))
        && (License is null || string.Equals(capture.License, License, StringComparison.Ordinal))
        && (Namespace is null || string.Equals(capture.Namespace, Namespace, StringComparison.Ordinal))
        && (After is null || capture.Sequence > After)
        && (!CompletedOnly || capture.Status is not null);
}

/// <param name="Total">How many captures match, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far.</param>
/// <param name="Evicted">How many captures the caps have evicted since start.</param>
internal sealed record CapturePage(IReadOnlyList<Capture> Items, int Total, long LastSequence, long Evicted);

/// <summary>Counters that let a test check that nothing was lost: captured + evicted + deleted = received.</summary>
/// <param name="Waiters">Requests waiting for an arrival right now (waits and streams).</param>
internal sealed record CaptureStoreStats(int Count, long Bytes, long Received, long Evicted, long LastSequence, int Waiters);
