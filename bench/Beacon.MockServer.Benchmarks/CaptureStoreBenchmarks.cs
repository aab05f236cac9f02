using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Store.Capture;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// Appending a capture of the documented traces sample to a store with the default caps (10,000 captures,
/// 64 MiB), already full, so every append also evicts the oldest: the steady state of a long-running mock.
/// </summary>
[MemoryDiagnoser]
public class CaptureAppendBenchmarks
{
    private CaptureStore _store = null!;
    private CaptureRecord _capture = null!;
    private OtlpExport _export = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new BeaconOptions();
        _store = new CaptureStore(Options.Create(options));
        (_capture, _export) = Samples.Captured(Samples.Json(Samples.Traces), OtlpEncoding.Json);
        for (var i = 0; i < options.Store.MaxCaptures; i++)
            Samples.Complete(_store, _store.Append(_capture), _export);
    }

    /// <summary>The append alone: sequence, byte count, eviction, signalling subscribers (none here).</summary>
    [Benchmark]
    public long Append() => _store.Append(_capture).Sequence;

    /// <summary>What the store does per request: the append at receipt, and the update that completes it.</summary>
    [Benchmark]
    public long AppendAndComplete() => Samples.Complete(_store, _store.Append(_capture), _export).Sequence;
}
