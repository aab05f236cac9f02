using Beacon.MockServer.Store;

namespace Beacon.MockServer.Tests.Store;

/// <summary>The store under many writers and readers at once: no capture lost, none duplicated, every count true.</summary>
public sealed class CaptureStoreConcurrencyTests
{
    [Fact]
    public async Task Append_From8ThreadsAtOnce_GivesEveryCaptureItsOwnSequence()
    {
        var store = CaptureStores.New(maxCaptures: Threads * AppendsPerThread);

        var sequences = await AppendFromEightThreadsAsync(store);

        Assert.Equal(CaptureStores.Range(1, Threads * AppendsPerThread), sequences.SelectMany(s => s).Order());
        for (var t = 0; t < Threads; t++)
        {
            Assert.Equal(sequences[t].Order(), sequences[t]);
            for (var i = 0; i < AppendsPerThread; i++)
                Assert.Equal($"t{t}-{i}", store.Find(sequences[t][i])?.License);
        }
        var stats = store.Stats;
        Assert.Equal((16_000, 16_000L, 0L, 16_000L), (stats.Count, stats.Received, stats.Evicted, stats.LastSequence));
    }

    [Fact]
    public async Task Append_From8ThreadsOverASmallCap_CountsEveryEviction()
    {
        var store = CaptureStores.New(maxCaptures: 100);

        var sequences = await AppendFromEightThreadsAsync(store);

        Assert.Equal(16_000, sequences.SelectMany(s => s).Distinct().Count());
        var stats = store.Stats;
        Assert.Equal((100, 16_000L, 15_900L), (stats.Count, stats.Received, stats.Evicted));
        Assert.Equal(stats.Received, stats.Count + stats.Evicted);
        Assert.Equal(CaptureStores.Range(15_901, 16_000), CaptureStores.Sequences(store));
        Assert.Equal(store.Query(new CaptureFilter(), 1000).Items.Sum(c => c.RetainedBytes), stats.Bytes);
    }

    [Fact]
    public async Task Query_WhileEightThreadsAppend_AlwaysGetsAnOrderedConsistentSnapshot()
    {
        var store = CaptureStores.New(maxCaptures: 500);
        var snapshots = 0;

        await AppendFromEightThreadsAsync(store, alongside: () =>
        {
            for (var i = 0; i < 300; i++)
            {
                var page = store.Query(new CaptureFilter(), 1000);
                var stats = store.Stats;
                Assert.InRange(page.Items.Count, 0, 500);
                Assert.Equal(page.Total, page.Items.Count);
                Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
                Assert.All(page.Items, c => Assert.InRange(c.Sequence, 1, page.LastSequence));
                Assert.Equal(stats.Received, stats.Count + stats.Evicted);
                snapshots++;
            }
        });

        Assert.Equal(300, snapshots);
        Assert.Equal((500, 16_000L), (store.Stats.Count, store.Stats.Received));
    }

    private const int Threads = 8;
    private const int AppendsPerThread = 2_000;

    /// <summary>Appends 2,000 captures on each of 8 threads started together; returns each thread's sequences in its order.</summary>
    private static async Task<long[][]> AppendFromEightThreadsAsync(CaptureStore store, Action? alongside = null)
    {
        var sequences = new long[Threads][];
        var work = Enumerable.Range(0, Threads).Select(t => (Action)(() =>
        {
            var mine = new long[AppendsPerThread];
            for (var i = 0; i < AppendsPerThread; i++)
                mine[i] = store.Append(CaptureStores.Capture(license: $"t{t}-{i}")).Sequence;
            sequences[t] = mine;
        }));
        await RunTogetherAsync([.. work, .. alongside is null ? [] : new[] { alongside }]);
        return sequences;
    }

    /// <summary>Runs each action on its own thread, released at once by a barrier so they really overlap.</summary>
    private static async Task RunTogetherAsync(Action[] actions)
    {
        using var start = new Barrier(actions.Length);
        await Task.WhenAll(actions.Select(action => Task.Factory.StartNew(() =>
        {
            Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(30)), "the threads never all started");
            action();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }
}
