using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Features.Egress;
using CaptureRecord = Beacon.MockServer.Store.Capture;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// What the egress audit adds to each wire request: <see cref="EgressAudit.Received"/> on a capture of each
/// documented sample, in the steady state of a deployment that keeps sending the same shapes (its endpoint and field
/// paths already held). Read beside <c>OtlpDecodeBenchmarks.Read</c> and a request's whole cost under load.
/// </summary>
[MemoryDiagnoser]
public class EgressAuditBenchmarks
{
    private EgressAudit _audit = null!;
    private CaptureRecord _capture = null!;

    [ParamsSource(nameof(Names))]
    public string Sample { get; set; } = "verify";

    public static IEnumerable<string> Names => EgressSamples.Names;

    [GlobalSetup]
    public void Setup()
    {
        _audit = EgressSamples.Audit();
        _capture = EgressSamples.Capture(Sample);
        if (_audit.Received(_capture).Count != 0)
            throw new InvalidOperationException($"The documented {Sample} sample broke a promise: the benchmark would measure evidence, not the audit.");
    }

    [Benchmark]
    public int Audit() => _audit.Received(_capture).Count;
}
