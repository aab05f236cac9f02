using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Configuration;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Capture.Capture;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// N requests waiting for an arrival (<see cref="CaptureStore.WaitForAppendAfterAsync"/>, what every wait and
/// stream sleeps on), then one append: the time until every waiter has completed. The waiters register before
/// each iteration, outside the measurement, so an iteration is one invocation.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
[WarmupCount(5)]
[IterationCount(40)]
public class WaiterWakeBenchmarks
{
    private readonly CaptureRecord _capture = new()
    {
        Kind = CaptureKinds.Verify,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Method = "POST",
        Path = "/v1/beacon/verify",
        Headers = new Dictionary<string, string>(),
    };

    private CaptureStore _store = null!;
    private Task[] _waiters = [];

    [Params(1, 100, 1000)]
    public int Waiters { get; set; }

    [GlobalSetup]
    public void Setup() => _store = new CaptureStore(Options.Create(new BeaconOptions()));

    [IterationSetup]
    public void Register()
    {
        var last = _store.Stats.LastSequence;
        _waiters = new Task[Waiters];
        for (var i = 0; i < Waiters; i++)
            _waiters[i] = _store.WaitForAppendAfterAsync(last, CancellationToken.None);
        if (_store.Stats.Waiters != Waiters)
            throw new InvalidOperationException($"{_store.Stats.Waiters} waiters registered, not {Waiters}.");
    }

    [Benchmark]
    public void AppendWakesAll()
    {
        _store.Append(_capture);
        Task.WaitAll(_waiters);
    }
}
