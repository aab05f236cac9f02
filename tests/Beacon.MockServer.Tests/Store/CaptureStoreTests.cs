using Beacon.MockServer.Store;

namespace Beacon.MockServer.Tests.Store;

/// <summary>The store on its own: sequences, caps by count and bytes, counters that add up, and snapshots.</summary>
public sealed class CaptureStoreTests
{
    private const long SmallestMaxBytes = 64 * 1024;

    [Fact]
    public void Append_AssignsIncreasingSequencesStartingAtOne()
    {
        var store = CaptureStores.New();

        var sequences = Enumerable.Range(0, 5).Select(_ => store.Append(CaptureStores.Capture()).Sequence);

        Assert.Equal([1L, 2, 3, 4, 5], sequences);
        Assert.Equal(5, store.Stats.LastSequence);
    }

    [Fact]
    public void Append_AfterEverythingWasRemoved_ContinuesTheSequence()
    {
        var store = CaptureStores.New();
        AppendMany(store, 3);

        Assert.Equal(3, store.Remove(new CaptureFilter()));
        var next = store.Append(CaptureStores.Capture());

        Assert.Equal(4, next.Sequence);
        Assert.Equal([4L], CaptureStores.Sequences(store));
    }

    [Fact]
    public void Append_AfterEviction_NeverReusesASequence()
    {
        var store = CaptureStores.New(maxCaptures: 3);
        AppendMany(store, 5);

        var next = store.Append(CaptureStores.Capture());

        Assert.Equal(6, next.Sequence);
        Assert.Equal([4L, 5, 6], CaptureStores.Sequences(store));
    }

    [Fact]
    public void Append_OverMaxCaptures_KeepsTheNewestAndCountsTheEvicted()
    {
        var store = CaptureStores.New(maxCaptures: 10);

        AppendMany(store, 25);

        var page = store.Query(new CaptureFilter(), 1000);
        Assert.Equal(CaptureStores.Range(16, 25), page.Items.Select(c => c.Sequence));
        Assert.Equal((10, 15L, 25L), (page.Total, page.Evicted, page.LastSequence));
        var stats = store.Stats;
        Assert.Equal((10, 25L, 15L, 25L), (stats.Count, stats.Received, stats.Evicted, stats.LastSequence));
        Assert.Equal(page.Items.Sum(c => c.RetainedBytes), stats.Bytes);
    }

    [Fact]
    public void Append_OverMaxBytes_EvictsTheOldestUntilTheStoreFits()
    {
        var store = CaptureStores.New(maxBytes: SmallestMaxBytes);
        var size = CaptureStores.Capture(payloadChars: 10_000).RetainedBytes;
        Assert.InRange(size, 10_000, 11_000);
        var fits = (int)(SmallestMaxBytes / size);

        for (var i = 0; i < 20; i++)
        {
            store.Append(CaptureStores.Capture(payloadChars: 10_000));
            Assert.InRange(store.Stats.Bytes, 0, SmallestMaxBytes);
        }

        var stats = store.Stats;
        Assert.Equal((fits, 20 - fits, fits * size), (stats.Count, (int)stats.Evicted, stats.Bytes));
        Assert.Equal(CaptureStores.Range(20 - fits + 1, 20), CaptureStores.Sequences(store));
    }

    [Fact]
    public void Append_OneCaptureLargerThanMaxBytes_IsCutToFit_AndTheStoreStaysWithinItsCap()
    {
        var store = CaptureStores.New(maxBytes: SmallestMaxBytes);
        AppendMany(store, 3);

        var big = store.Append(CaptureStores.Capture(payloadChars: 100_000));

        var kept = store.Find(big.Sequence)!;
        Assert.InRange(store.Stats.Bytes, 0, SmallestMaxBytes);
        Assert.InRange(kept.RetainedBytes, 0, SmallestMaxBytes);
        var payload = Assert.IsType<TextPayload>(kept.Payload);
        Assert.Equal(16 * 1024, payload.Text.Length);
        Assert.Contains(kept.Findings, f => f.Message.Contains("more than Beacon:Store:MaxBytes", StringComparison.Ordinal));
        Assert.Equal(("verify", "POST"), (kept.Kind, kept.Method));
    }

    [Fact]
    public void Append_ACaptureFarLargerThanMaxBytes_KeepsItsMetadataAndSaysWhatWasDropped()
    {
        var store = CaptureStores.New(maxBytes: SmallestMaxBytes);
        var findings = Enumerable.Range(0, 500).Select(i => new Finding($"field{i}." + new string('p', 2_000), new string('m', 2_000))).ToList();

        var big = store.Append((CaptureStores.Capture(payloadChars: 100_000) with { Query = "?" + new string('q', 50_000) }).WithFindings(findings));

        var kept = store.Find(big.Sequence)!;
        Assert.InRange(store.Stats.Bytes, 0, SmallestMaxBytes);
        Assert.Null(kept.Payload);
        Assert.True(kept.FindingsDropped >= 500, $"{kept.FindingsDropped} findings counted as dropped");
        Assert.Contains("payload, details and findings were dropped", Assert.Single(kept.Findings).Message);
        Assert.Equal(("verify", "/v1/beacon/verify"), (kept.Kind, kept.Path));
    }

    [Fact]
    public void Append_MoreThanAHundredFindings_KeepsTheFirstAndCountsTheRest()
    {
        var store = CaptureStores.New();
        var findings = Enumerable.Range(0, 250).Select(i => new Finding($"f{i}", "unknown property; accepted and ignored")).ToList();

        var entry = store.Append(CaptureStores.Capture().WithFindings(findings));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"f{i}"), entry.Current.Findings.Select(f => f.Path));
        Assert.Equal(150, entry.Current.FindingsDropped);
    }

    [Fact]
    public void Stats_CountPlusEvictedPlusRemoved_EqualsReceived()
    {
        var store = CaptureStores.New(maxCaptures: 20);
        for (var i = 0; i < 50; i++)
            store.Append(CaptureStores.Capture(i % 2 == 0 ? "verify" : "ingest-traces"));

        var removed = store.Remove(new CaptureFilter(Kind: "verify"));
        AppendMany(store, 7);

        var stats = store.Stats;
        Assert.Equal((57L, 30L, 10), (stats.Received, stats.Evicted, removed));
        Assert.Equal(stats.Received, stats.Count + stats.Evicted + removed);
        Assert.Equal(store.Query(new CaptureFilter(), 1000).Items.Sum(c => c.RetainedBytes), stats.Bytes);
    }

    [Fact]
    public void Update_ChangesStatusAndFindingsAndTheByteCount()
    {
        var store = CaptureStores.New();
        var other = store.Append(CaptureStores.Capture());
        var entry = store.Append(CaptureStores.Capture());
        Finding finding = new("license", "an unknown license; accepted");

        var updated = store.Update(entry, c => c with { Status = 403, Findings = [finding] });

        var found = store.Find(entry.Sequence)!;
        Assert.Equal((403, entry.Sequence), (found.Status, found.Sequence));
        Assert.Equal([finding], found.Findings);
        // The store keeps its compact form and builds the capture again for each reader: the same capture, not the same object.
        Assert.Equal((updated.Status, updated.Findings.Single(), updated.RetainedBytes), (found.Status, found.Findings.Single(), found.RetainedBytes));
        Assert.True(updated.RetainedBytes > other.Current.RetainedBytes);
        Assert.Equal(other.Current.RetainedBytes + updated.RetainedBytes, store.Stats.Bytes);
    }

    [Fact]
    public void Update_CannotChangeTheSequence()
    {
        var store = CaptureStores.New();
        var entry = store.Append(CaptureStores.Capture());

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
        var store = CaptureStores.New(maxCaptures: 2);
        var gone = store.Append(CaptureStores.Capture("auth"));
        if (how == "evicted")
            AppendMany(store, 2);
        else
            store.Remove(new CaptureFilter(Kind: "auth"));
        var before = store.Stats;

        store.Update(gone, c => c with { Status = 200, Payload = CaptureStores.Text(5_000) });

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
        var store = CaptureStores.New(maxCaptures: 4);
        foreach (var kind in new[] { "verify", "verify", "metadata", "auth", "verify" })
            store.Append(CaptureStores.Capture(kind)); // the fifth evicts the first
        store.Remove(new CaptureFilter(Kind: "metadata"));
        store.Remove(new CaptureFilter(Kind: "auth"));
        Assert.Equal([2L, 5], CaptureStores.Sequences(store));
        Assert.NotNull(store.Find(2));

        Assert.Null(store.Find(sequence));
    }

    [Fact]
    public void Find_AfterThousandsOfEvictions_StillFindsEveryStoredCapture()
    {
        var store = CaptureStores.New(maxCaptures: 10);
        AppendMany(store, 3_000);

        Assert.Equal(CaptureStores.Range(2_991, 3_000), CaptureStores.Sequences(store));
        Assert.All(CaptureStores.Range(2_991, 3_000), s => Assert.Equal(s, store.Find(s)?.Sequence));
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
        var store = CaptureStores.New();
        foreach (var (k, l) in new[]
        {
            ("verify", "lic-a"), ("ingest-traces", "lic-a"), ("verify", "lic-b"), ("verify", "lic-a"),
            ("usage-snapshot", "lic-a"), ("verify", "lic-a"), ("ingest-traces", "lic-b"),
        })
            store.Append(CaptureStores.Capture(k, l));

        var page = store.Query(new CaptureFilter(kind, license, after), limit);

        Assert.Equal(expected, page.Items.Select(c => c.Sequence));
        Assert.Equal((total, 7L, 0L), (page.Total, page.LastSequence, page.Evicted));
    }

    [Fact]
    public void Remove_ByKind_RemovesOnlyThatKindAndIsNotCountedAsEviction()
    {
        var store = CaptureStores.New();
        foreach (var kind in new[] { "verify", "ingest-traces", "verify", "metadata", "ingest-traces" })
            store.Append(CaptureStores.Capture(kind));

        var removed = store.Remove(new CaptureFilter(Kind: "ingest-traces"));

        var left = store.Query(new CaptureFilter(), 100).Items;
        Assert.Equal(2, removed);
        Assert.Equal([(1L, "verify"), (3L, "verify"), (4L, "metadata")], left.Select(c => (c.Sequence, c.Kind)));
        Assert.Equal((3, 0L, 5L), (store.Stats.Count, store.Stats.Evicted, store.Stats.Received));
        Assert.Equal(left.Sum(c => c.RetainedBytes), store.Stats.Bytes);
    }

    [Fact]
    public void Query_GivesSnapshotsThatLaterChangesLeaveAlone()
    {
        var store = CaptureStores.New();
        var entry = store.Append(CaptureStores.Capture());
        var page = store.Query(new CaptureFilter(), 100);
        var seen = page.Items[0];

        store.Update(entry, c => c with { Status = 200, Findings = [new Finding("$", "late")] });
        store.Append(CaptureStores.Capture());
        store.Remove(new CaptureFilter(After: 1));

        Assert.Null(seen.Status);
        Assert.Empty(seen.Findings);
        Assert.Single(page.Items);
        Assert.Equal(200, store.Find(entry.Sequence)!.Status);
    }

    private static void AppendMany(CaptureStore store, int count)
    {
        for (var i = 0; i < count; i++)
            store.Append(CaptureStores.Capture());
    }
}
