using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Store.Capture;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// <c>GET /mock/captures</c>'s query over a store holding 100,000 captures: eight kinds in turn and sixteen
/// licenses, so a kind matches one in eight and a license one in sixteen. A query counts every match
/// (<c>total</c>) whatever its limit, so each one reads the whole store. Target: under 20 ms.
/// </summary>
[MemoryDiagnoser]
public class CaptureQueryBenchmarks
{
    public const int Captures = 100_000;

    private static readonly string[] Kinds = ["verify", "ingest-traces", "usage-snapshot", "metadata", "auth", "traces", "metrics", "logs"];

    private CaptureStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new BeaconOptions { Store = new StoreOptions { MaxCaptures = Captures, MaxBytes = 1L << 30 } };
        _store = new CaptureStore(Options.Create(options));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        var payload = new JsonPayload(RawJson.FromValidated(System.Text.Encoding.UTF8.GetBytes(Http.DocumentedSamples.Read("verify-request"))));
        for (var i = 0; i < Captures; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            _store.Append(new CaptureRecord
            {
                Kind = kind,
                ReceivedAt = DateTimeOffset.UnixEpoch.AddMilliseconds(i),
                Method = "POST",
                Path = "/v1/beacon/" + kind,
                Headers = headers,
                License = $"lcl_bench_{i % 16:00}",
                Status = 200,
                Payload = payload,
            });
        }
        if (_store.Stats.Count != Captures)
            throw new InvalidOperationException($"The store holds {_store.Stats.Count} captures, not {Captures}.");
    }

    [Benchmark]
    public int ByKind() => _store.Query(new CaptureFilter(Kind: "verify"), 100).Total;

    [Benchmark]
    public int ByLicense() => _store.Query(new CaptureFilter(License: "lcl_bench_07"), 100).Total;

    [Benchmark]
    public int ByKindAndLicense() => _store.Query(new CaptureFilter(Kind: "verify", License: "lcl_bench_08"), 100).Total;
}
