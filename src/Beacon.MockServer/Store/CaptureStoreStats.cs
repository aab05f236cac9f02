namespace Beacon.MockServer.Store;

/// <summary>Counters that let a test check that nothing was lost: captured + evicted + deleted = received.</summary>
/// <param name="Waiters">Requests waiting for an arrival right now (waits and streams).</param>
internal sealed record CaptureStoreStats(int Count, long Bytes, long Received, long Evicted, long LastSequence, int Waiters);
