using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// View scans over a full store are CPU-bound; at most one fewer than the cores run at once, so a burst of view
/// queries leaves a core for /healthz and the wire routes, and a queued query holds no thread while it waits.
/// </summary>
public sealed class ViewScansTests
{
    private static readonly int Slots = Math.Max(1, Environment.ProcessorCount - 1);

    [Fact]
    public async Task OneScanPastTheSlots_WaitsUntilAScanEnds_ThenRuns()
    {
        var scans = new ViewScans();
        using var release = new ManualResetEventSlim();
        var started = new CountdownEvent(Slots);
        var running = Enumerable.Range(0, Slots).Select(_ => Task.Run(() => scans.RunAsync(() =>
        {
            started.Signal();
            release.Wait(Waiting.Bound);
            return 1;
        }, CancellationToken.None))).ToList();
        Assert.True(started.Wait(Waiting.Bound));

        var queuedRan = false;
        var queued = scans.RunAsync(() => queuedRan = true, CancellationToken.None);

        Assert.False(queued.IsCompleted);
        Assert.False(queuedRan);
        release.Set();
        Assert.True(await queued.WaitAsync(Waiting.Bound));
        Assert.Equal(Slots, (await Task.WhenAll(running)).Sum());
    }

    [Fact]
    public async Task AQueuedScan_WhoseRequestGoesAway_IsCancelledWithoutRunning()
    {
        var scans = new ViewScans();
        using var release = new ManualResetEventSlim();
        var started = new CountdownEvent(Slots);
        var running = Enumerable.Range(0, Slots).Select(_ => Task.Run(() => scans.RunAsync(() =>
        {
            started.Signal();
            release.Wait(Waiting.Bound);
            return 1;
        }, CancellationToken.None))).ToList();
        Assert.True(started.Wait(Waiting.Bound));
        using var gone = new CancellationTokenSource();

        var queuedRan = false;
        var queued = scans.RunAsync(() => queuedRan = true, gone.Token);
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        release.Set();
        await Task.WhenAll(running).WaitAsync(Waiting.Bound);
        Assert.False(queuedRan);
        Assert.Equal(42, await scans.RunAsync(() => 42, CancellationToken.None).WaitAsync(Waiting.Bound));
    }
}
