using Beacon.MockServer.Configuration;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Tests.Store;

/// <summary>
/// The store tells its observers once about each capture, when it completes, outside its lock; what they answer is on
/// the capture before a wait for completed captures is woken.
/// </summary>
public sealed class CaptureObserverTests
{
    [Fact]
    public void AnObserver_IsToldOnce_WhenTheStatusIsFirstSet()
    {
        var observer = new Recording();
        var store = New(observer);

        var entry = store.Append(CaptureStores.Capture());
        Assert.Empty(observer.Told);
        store.Update(entry, c => c with { Status = 444 });
        store.Update(entry, c => c with { Status = 200 });
        store.Update(entry, c => c.WithFindings([new Finding("$", "later")]));

        var told = Assert.Single(observer.Told);
        Assert.Equal((entry.Sequence, 444), (told.Sequence, told.Status));
    }

    [Fact]
    public void ACaptureStoredWithItsStatus_IsToldAtOnce()
    {
        var observer = new Recording();
        var store = New(observer);

        var entry = store.Append(CaptureStores.Capture() with { Status = 404 });

        Assert.Equal(entry.Sequence, Assert.Single(observer.Told).Sequence);
        Assert.Contains(store.Find(entry.Sequence)!.Findings, f => f.Message == "seen 404");
    }

    [Fact]
    public async Task TheObserversFindings_AreOnTheCapture_BeforeACompletedWaitWakes()
    {
        var observer = new Recording();
        var store = New(observer);
        using var waiting = store.Subscribe(new CaptureFilter(), CaptureStage.Completed);
        var woken = waiting.NextAsync(CancellationToken.None);
        observer.During = _ => Assert.False(woken.IsCompleted, "the wait was woken before the observer had its say");
        var entry = store.Append(CaptureStores.Capture());

        store.Update(entry, c => c with { Status = 200 });

        await woken;
        Assert.Contains(store.Find(entry.Sequence)!.Findings, f => f.Message == "seen 200");
    }

    [Fact]
    public void AnObserver_RunsOutsideTheStoresLock()
    {
        var observer = new Recording();
        var store = New(observer);
        // Another thread reads the store while the observer runs: it would wait for the lock if the observer held it.
        observer.During = _ => Assert.True(Task.Run(() => store.Stats).Wait(TimeSpan.FromSeconds(30)), "the store's lock was held");
        var entry = store.Append(CaptureStores.Capture());

        store.Update(entry, c => c with { Status = 200 });

        Assert.Single(observer.Told);
    }

    [Fact]
    public void AnEvictedCapture_IsStillTold_AndItsFindingsCountNothingAgainstTheCaps()
    {
        var observer = new Recording();
        var store = New(observer, maxCaptures: 1);
        var first = store.Append(CaptureStores.Capture());
        store.Append(CaptureStores.Capture());

        store.Update(first, c => c with { Status = 200 });

        Assert.Equal(first.Sequence, Assert.Single(observer.Told).Sequence);
        Assert.Equal(1, store.Stats.Count);
        Assert.Equal(store.Query(new CaptureFilter(), 10).Items.Sum(c => c.RetainedBytes), store.Stats.Bytes);
    }

    private static CaptureStore New(ICaptureObserver observer, int maxCaptures = 10_000) =>
        new(Options.Create(new BeaconOptions { Store = new StoreOptions { MaxCaptures = maxCaptures } }), [observer]);

    private sealed class Recording : ICaptureObserver
    {
        public List<Capture> Told { get; } = [];

        public Action<Capture>? During { get; set; }

        public IReadOnlyList<Finding> Completed(Capture capture)
        {
            Told.Add(capture);
            During?.Invoke(capture);
            return [new Finding("$", $"seen {capture.Status}")];
        }
    }
}
