namespace Beacon.MockServer.Client;

/// <summary>What <c>GET /healthz</c> answers.</summary>
/// <param name="Status"><c>ready</c>.</param>
/// <param name="Store">The capture store's counters.</param>
public sealed record HealthStatus(string Status, StoreStats Store);

/// <summary>The capture store's counters: captured + evicted + deleted = received.</summary>
/// <param name="Count">Captures held.</param>
/// <param name="Bytes">Their estimated retained size.</param>
/// <param name="Received">Requests captured since start.</param>
/// <param name="Evicted">Captures evicted by the caps.</param>
/// <param name="LastSequence">The newest sequence assigned.</param>
/// <param name="Waiters">Waits and streams open now.</param>
public sealed record StoreStats(long Count, long Bytes, long Received, long Evicted, long LastSequence, int Waiters);
