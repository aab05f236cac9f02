namespace Beacon.MockServer.Store;

/// <param name="Total">How many captures match, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far.</param>
/// <param name="Evicted">How many captures the caps have evicted since start.</param>
internal sealed record CapturePage(IReadOnlyList<Capture> Items, int Total, long LastSequence, long Evicted);
