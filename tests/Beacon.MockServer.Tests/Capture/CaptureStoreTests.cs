using Beacon.MockServer.Capture;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Capture.Capture;

namespace Beacon.MockServer.Tests.Capture;

/// <summary>The store on its own: sequences, caps by count and bytes, counters that add up, and snapshots.</summary>
public sealed class CaptureStoreTests
{
    private const long SmallestMaxBytes = 64 * 1024;

    [Fact]
    public void Append_AssignsIncreasingSequencesStartingAtOne()
    {
        var store = NewStore();

        var sequences = Enumerable.Range(0, 5).Select(_ => store.Append(NewCapture()).Sequence);

        Assert.Equal([1L, 2, 3, 4, 5], sequences);
        Assert.Equal(5, store.Stats.LastSequence);
    }

    [Fact]
    public void Append_AfterEverythingWasRemoved_ContinuesTheSequence()
    {
        var store = NewStore();
        AppendMany(store, 3);

        Assert.Equal(3, store.Remove(new CaptureFilter()));
        var next = store.Append(NewCapture());

        Assert.Equal(4, next.Sequence);
        Assert.Equal([4L], Sequences(store));
    }

    [Fact]
    public void Append_AfterEviction_NeverReusesASequence()
    {
        var store = NewStore(maxCaptures: 3);
        AppendMany(store, 5);

        var next = store.Append(NewCapture());

        Assert.Equal(6, next.Sequence);
        Assert.Equal([4L, 5, 6], Sequences(store));
    }

    [Fact]
    public void Append_OverMaxCaptures_KeepsTheNewestAndCountsTheEvicted()
    {
        var store = NewStore(maxCaptures: 10);

        AppendMany(store, 25);

        var page = store.Query(new CaptureFilter(), 1000);
        Assert.Equal(Range(16, 25), page.Items.Select(c => c.Sequence));
        Assert.Equal((10, 15L, 25L), (page.Total, page.Evicted, page.LastSequence));
        var stats = store.Stats;
        Assert.Equal((10, 25L, 15L, 25L), (stats.Count, stats.Received, stats.Evicted, stats.LastSequence));
        Assert.Equal(page.Items.Sum(c => c.RetainedBytes), stats.Bytes);
    }

    [Fact]
    public void Append_OverMaxBytes_EvictsTheOldestUntilTheStoreFits()
    {
        var store = NewStore(maxBytes: SmallestMaxBytes);
        var size = NewCapture(payloadChars: 10_000).RetainedBytes;
        Assert.InRange(size, 10_000, 11_000);
        var fits = (int)(SmallestMaxBytes / size);

        for (var i = 0; i < 20; i++)
        {
            store.Append(NewCapture(payloadChars: 10_000));
            Assert.InRange(store.Stats.Bytes, 0, SmallestMaxBytes);
        }

        var stats = store.Stats;
        Assert.Equal((fits, 20 - fits, fits * size), (stats.Count, (int)stats.Evicted, stats.Bytes));
        Assert.Equal(Range(20 - fits + 1, 20), Sequences(store));
    }

    [Fact]
    public void Append_OneCaptureLargerThanMaxBytes_IsKeptAlone()
    {
        var store = NewStore(maxBytes: SmallestMaxBytes);
        AppendMany(store, 3);

        var big = store.Append(NewCapture(payloadChars: 100_000));

        Assert.Equal([big.Sequence], Sequences(store));
        Assert.Equal(3, store.Stats.Evicted);
        Assert.True(store.Stats.Bytes > SmallestMaxBytes);
        Assert.NotNull(store.Find(big.Sequence));
    }

    [Fact]
    public void Append_AfterAnOversizedCapture_EvictsIt()
    {
        var store = NewStore(maxBytes: SmallestMaxBytes);
        var big = store.Append(NewCapture(payloadChars: 100_000));

        var small = store.Append(NewCapture());

        Assert.Equal([small.Sequence], Sequences(store));
        Assert.Null(store.Find(big.Sequence));
        Assert.Equal((1L, small.Current.RetainedBytes), (store.Stats.Evicted, store.Stats.Bytes));
    }

    [Fact]
    public void Stats_CountPlusEvictedPlusRemoved_EqualsReceived()
    {
        var store = NewStore(maxCaptures: 20);
        for (var i = 0; i < 50; i++)
            store.Append(NewCapture(i % 2 == 0 ? CaptureKinds.Verify : CaptureKinds.IngestTraces));

        var removed = store.Remove(new CaptureFilter(Kind: CaptureKinds.Verify));
        AppendMany(store, 7);

        var stats = store.Stats;
        Assert.Equal((57L, 30L, 10), (stats.Received, stats.Evicted, removed));
        Assert.Equal(stats.Received, stats.Count + stats.Evicted + removed);
        Assert.Equal(store.Query(new CaptureFilter(), 1000).Items.Sum(c => c.RetainedBytes), stats.Bytes);
    }

    [Fact]
    public void Update_ChangesStatusAndFindingsAndTheByteCount()
    {
        var store = NewStore();
        var other = store.Append(NewCapture());
        var entry = store.Append(NewCapture());
        Finding finding = new("license", "an unknown license; accepted");

        var updated = store.Update(entry, c => c with { Status = 403, Findings = [finding] });

        var found = store.Find(entry.Sequence)!;
        Assert.Equal((403, entry.Sequence), (found.Status, found.Sequence));
        Assert.Equal([finding], found.Findings);
        Assert.Same(updated, found);
        Assert.True(updated.RetainedBytes > other.Current.RetainedBytes);
        Assert.Equal(other.Current.RetainedBytes + updated.RetainedBytes, store.Stats.Bytes);
    }

    [Fact]
    public void Update_CannotChangeTheSequence()
    {
        var store = NewStore();
        var entry = store.Append(NewCapture());

        var updated = store.Update(entry, c => c with { Sequence = 99, Status = 200 });

        Assert.Equal(1, updated.Sequence);
        Assert.Null(store.Find(99));
        Assert.Equal(200, store.Find(1)!.Status);
    }

    [Theory]
    [InlineData("evicted")]
    [InlineData("deleted")]
    public void Update_OfAnEntryNoLongerStored_LeavesTheByteCountAlone(string how)
    {
        var store = NewStore(maxCaptures: 2);
        var gone = store.Append(NewCapture(CaptureKinds.Auth));
        if (how == "evicted")
            AppendMany(store, 2);
        else
            store.Remove(new CaptureFilter(Kind: CaptureKinds.Auth));
        var before = store.Stats;

        store.Update(gone, c => c with { Status = 200, Payload = RawJson.FromText(new string('x', 5_000)) });

        Assert.Equal(before, store.Stats);
        Assert.Null(store.Find(gone.Sequence));
    }

    [Theory]
    [InlineData(1L)] // evicted
    [InlineData(3L)] // deleted
    [InlineData(4L)] // deleted
    [InlineData(0L)] // never assigned
    [InlineData(-1L)]
    [InlineData(6L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Find_SequenceNotStored_ReturnsNull(long sequence)
    {
        var store = NewStore(maxCaptures: 4);
        foreach (var kind in new[] { "verify", "verify", "metadata", "auth", "verify" })
            store.Append(NewCapture(kind)); // the fifth evicts the first
        store.Remove(new CaptureFilter(Kind: CaptureKinds.Metadata));
        store.Remove(new CaptureFilter(Kind: CaptureKinds.Auth));
        Assert.Equal([2L, 5], Sequences(store));
        Assert.NotNull(store.Find(2));

        Assert.Null(store.Find(sequence));
    }

    [Fact]
    public void Find_AfterThousandsOfEvictions_StillFindsEveryStoredCapture()
    {
        var store = NewStore(maxCaptures: 10);
        AppendMany(store, 3_000);

        Assert.Equal(Range(2_991, 3_000), Sequences(store));
        Assert.All(Range(2_991, 3_000), s => Assert.Equal(s, store.Find(s)?.Sequence));
        Assert.Null(store.Find(2_990));
        Assert.Equal([2_999L, 3_000], store.Query(new CaptureFilter(After: 2_998), 100).Items.Select(c => c.Sequence));
    }

    [Theory]
    [InlineData(null, null, null, 100, new long[] { 1, 2, 3, 4, 5, 6, 7 }, 7)]
    [InlineData(null, null, null, 3, new long[] { 1, 2, 3 }, 7)]
    [InlineData("verify", null, null, 100, new long[] { 1, 3, 4, 6 }, 4)]
    [InlineData(null, "lic-a", null, 100, new long[] { 1, 2, 4, 5, 6 }, 5)]
    [InlineData("verify", "lic-a", null, 100, new long[] { 1, 4, 6 }, 3)]
    [InlineData("verify", "lic-a", 1L, 1, new long[] { 4 }, 2)]
    [InlineData(null, null, 5L, 100, new long[] { 6, 7 }, 2)]
    [InlineData(null, null, 7L, 100, new long[0], 0)]
    [InlineData("auth", null, null, 100, new long[0], 0)]
    [InlineData(null, null, null, 0, new long[0], 7)]
    public void Query_ByKindLicenseAndAfter_ReturnsMatchesOldestFirstAndCountsAllOfThem(
        string? kind, string? license, long? after, int limit, long[] expected, int total)
    {
        var store = NewStore();
        foreach (var (k, l) in new[]
        {
            ("verify", "lic-a"), ("ingest-traces", "lic-a"), ("verify", "lic-b"), ("verify", "lic-a"),
            ("usage-snapshot", "lic-a"), ("verify", "lic-a"), ("ingest-traces", "lic-b"),
        })
            store.Append(NewCapture(k, l));

        var page = store.Query(new CaptureFilter(kind, license, after), limit);

        Assert.Equal(expected, page.Items.Select(c => c.Sequence));
        Assert.Equal((total, 7L, 0L), (page.Total, page.LastSequence, page.Evicted));
    }

    [Fact]
    public void Remove_ByKind_RemovesOnlyThatKindAndIsNotCountedAsEviction()
    {
        var store = NewStore();
        foreach (var kind in new[] { "verify", "ingest-traces", "verify", "metadata", "ingest-traces" })
            store.Append(NewCapture(kind));

        var removed = store.Remove(new CaptureFilter(Kind: CaptureKinds.IngestTraces));

        var left = store.Query(new CaptureFilter(), 100).Items;
        Assert.Equal(2, removed);
        Assert.Equal([(1L, "verify"), (3L, "verify"), (4L, "metadata")], left.Select(c => (c.Sequence, c.Kind)));
        Assert.Equal((3, 0L, 5L), (store.Stats.Count, store.Stats.Evicted, store.Stats.Received));
        Assert.Equal(left.Sum(c => c.RetainedBytes), store.Stats.Bytes);
    }

    [Fact]
    public void Query_GivesSnapshotsThatLaterChangesLeaveAlone()
    {
        var store = NewStore();
        var entry = store.Append(NewCapture());
        var page = store.Query(new CaptureFilter(), 100);
        var seen = page.Items[0];

        store.Update(entry, c => c with { Status = 200, Findings = [new Finding("$", "late")] });
        store.Append(NewCapture());
        store.Remove(new CaptureFilter(After: 1));

        Assert.Null(seen.Status);
        Assert.Empty(seen.Findings);
        Assert.Single(page.Items);
        Assert.Equal(200, store.Find(entry.Sequence)!.Status);
    }

    [Fact]
    public async Task Append_From8ThreadsAtOnce_GivesEveryCaptureItsOwnSequence()
    {
        var store = NewStore(maxCaptures: Threads * AppendsPerThread);

        var sequences = await AppendFromEightThreadsAsync(store);

        Assert.Equal(Range(1, Threads * AppendsPerThread), sequences.SelectMany(s => s).Order());
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
        var store = NewStore(maxCaptures: 100);

        var sequences = await AppendFromEightThreadsAsync(store);

        Assert.Equal(16_000, sequences.SelectMany(s => s).Distinct().Count());
        var stats = store.Stats;
        Assert.Equal((100, 16_000L, 15_900L), (stats.Count, stats.Received, stats.Evicted));
        Assert.Equal(stats.Received, stats.Count + stats.Evicted);
        Assert.Equal(Range(15_901, 16_000), Sequences(store));
        Assert.Equal(store.Query(new CaptureFilter(), 1000).Items.Sum(c => c.RetainedBytes), stats.Bytes);
    }

    [Fact]
    public async Task Query_WhileEightThreadsAppend_AlwaysGetsAnOrderedConsistentSnapshot()
    {
        var store = NewStore(maxCaptures: 500);
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

    private static CaptureStore NewStore(int maxCaptures = 10_000, long maxBytes = 64L * 1024 * 1024) =>
        new(Options.Create(new BeaconOptions { Store = new StoreOptions { MaxCaptures = maxCaptures, MaxBytes = maxBytes } }));

    private static CaptureRecord NewCapture(string kind = CaptureKinds.Verify, string? license = null, int payloadChars = 0) => new()
    {
        Kind = kind,
        ReceivedAt = BeaconApplication.Start,
        Method = "POST",
        Path = "/v1/beacon/" + kind,
        Headers = new Dictionary<string, string>(),
        License = license,
        Payload = payloadChars > 0 ? RawJson.FromText(new string('x', payloadChars)) : null,
    };

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
                mine[i] = store.Append(NewCapture(license: $"t{t}-{i}")).Sequence;
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

    private static void AppendMany(CaptureStore store, int count)
    {
        for (var i = 0; i < count; i++)
            store.Append(NewCapture());
    }

    private static IEnumerable<long> Sequences(CaptureStore store) =>
        store.Query(new CaptureFilter(), 1000).Items.Select(c => c.Sequence);

    private static IEnumerable<long> Range(long first, long last)
    {
        for (var s = first; s <= last; s++)
            yield return s;
    }
}
