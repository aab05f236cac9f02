using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// View scans over a full store are CPU-bound; at most one fewer than the cores run at once, so a burst of view
/// queries leaves a core for /healthz and the wire routes, and a queued query holds no thread while it waits.
/// </summary>
public sealed class ViewScansTests : IDisposable
{
    private static readonly int Slots = Math.Max(1, Environment.ProcessorCount - 1);

    private readonly ViewScans _scans = new();
    private readonly ManualResetEventSlim _release = new();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }

    [Fact]
    public async Task OneScanPastTheSlots_WaitsUntilAScanEnds_ThenRuns()
    {
        var running = OccupyEverySlot();

        var queuedRan = false;
        var queued = _scans.RunAsync(() => queuedRan = true, CancellationToken.None);

        Assert.False(queued.IsCompleted);
        Assert.False(queuedRan);
        _release.Set();
        Assert.True(await queued.WaitAsync(Waiting.Bound));
        Assert.Equal(Slots, (await Task.WhenAll(running)).Sum());
    }

    [Fact]
    public async Task AQueuedScan_WhoseRequestGoesAway_IsCancelledWithoutRunning()
    {
        var running = OccupyEverySlot();
        using var gone = new CancellationTokenSource();

        var queuedRan = false;
        var queued = _scans.RunAsync(() => queuedRan = true, gone.Token);
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        _release.Set();
        await Task.WhenAll(running).WaitAsync(Waiting.Bound);
        Assert.False(queuedRan);
        Assert.Equal(42, await _scans.RunAsync(() => 42, CancellationToken.None).WaitAsync(Waiting.Bound));
    }

    /// <summary>Starts a scan in every slot, each held until <see cref="_release"/> is set; returns once all are running.</summary>
    private List<Task<int>> OccupyEverySlot()
    {
        using var started = new CountdownEvent(Slots);
        var running = Enumerable.Range(0, Slots).Select(_ => Task.Run(() => _scans.RunAsync(() =>
        {
            started.Signal();
            _release.Wait(Waiting.Bound);
            return 1;
        }, CancellationToken.None))).ToList();
        Assert.True(started.Wait(Waiting.Bound));
        return running;
    }
}
