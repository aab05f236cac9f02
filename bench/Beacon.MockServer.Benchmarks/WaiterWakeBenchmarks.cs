using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Store.Capture;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// N requests waiting for an arrival (an <see cref="ArrivalSubscription"/>, what every wait and stream sleeps on),
/// then one append that matches them all: the time until every waiter has woken. The waiters register before each
/// iteration, outside the measurement, so an iteration is one invocation.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(5)]
[IterationCount(40)]
public class WaiterWakeBenchmarks
{
    private CaptureStore _store = null!;
    private ArrivalSubscription[] _subscriptions = [];
    private Task[] _waiters = [];

    [Params(1, 100, 1000)]
    public int Waiters { get; set; }

    [GlobalSetup]
    public void Setup() => _store = new CaptureStore(Options.Create(new BeaconOptions()));

    [IterationSetup]
    public void Register()
    {
        _subscriptions = [.. Enumerable.Range(0, Waiters).Select(_ => _store.Subscribe(new CaptureFilter(Kind: "verify"), CaptureStage.Received))];
        _waiters = [.. _subscriptions.Select(s => s.NextAsync(CancellationToken.None))];
    }

    [Benchmark]
    public void AppendWakesAll()
    {
        _store.Append(Arrivals.Capture("verify", "lcl_waited"));
        Task.WaitAll(_waiters);
    }

    [IterationCleanup]
    public void Release()
    {
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
    }
}

/// <summary>
/// What pending waits cost every other request: appends to a full default store while 0 or 1,000 waits are pending
/// that the appended captures do not match (another license, another kind, another namespace), as in a suite where
/// many tests wait and one floods. Target: the append with 1,000 pending waits at least 0.8x as fast as with none.
/// </summary>
[MemoryDiagnoser]
public class PendingWaitBenchmarks
{
    private readonly List<ArrivalSubscription> _pending = [];
    private CaptureStore _store = null!;
    private CaptureRecord _capture = null!;

    [Params(0, 1000)]
    public int PendingWaits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new BeaconOptions();
        _store = new CaptureStore(Options.Create(options));
        _capture = Arrivals.Capture("metadata", "lcl_flood");
        for (var i = 0; i < options.Store.MaxCaptures; i++)
            _store.Append(_capture);
        for (var i = 0; i < PendingWaits; i++)
        {
            // A third by license, a third by kind, a third by namespace: none matches the flood.
            var filter = (i % 3) switch
            {
                0 => new CaptureFilter(License: $"lcl_waiting_{i}"),
                1 => new CaptureFilter(Kind: "verify", Namespace: $"t{i}"),
                _ => new CaptureFilter(Namespace: $"t{i}"),
            };
            var subscription = _store.Subscribe(filter, i % 2 == 0 ? CaptureStage.Received : CaptureStage.Completed);
            _ = subscription.NextAsync(CancellationToken.None);
            _pending.Add(subscription);
        }
    }

    /// <summary>What the store does per request: the append at receipt, and the update that completes it.</summary>
    [Benchmark]
    public long AppendAndComplete() => _store.Update(_store.Append(_capture), c => c with { Status = 200 }).Sequence;

    [GlobalCleanup]
    public void Release() => _pending.ForEach(s => s.Dispose());
}

/// <summary>Captures made to measure for the waiting benchmarks.</summary>
internal static class Arrivals
{
    public static CaptureRecord Capture(string kind, string license) => new()
    {
        Kind = kind,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Method = "POST",
        Path = "/v1/beacon/" + kind,
        Headers = new Dictionary<string, string>(),
        License = license,
    };
}
