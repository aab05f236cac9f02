using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// The egress audit of a documented sample a step at a time, to show where its time goes: walking the
/// payload (a visitor that does nothing), searching every value and member name for personal data and credentials,
/// the audit of the same capture without its payload (finding its state, its endpoint, its path and headers), and the
/// whole audit.
/// </summary>
[MemoryDiagnoser]
public class EgressStepBenchmarks
{
    private CapturePayload _payload = null!;
    private string[] _texts = [];
    private SensitiveText _sensitive = null!;
    private EgressAudit _audit = null!;
    private Store.Capture _capture = null!;
    private Store.Capture _bare = null!;

    /// <summary>The documented ingest-traces sample, and the OTLP traces sample as protobuf.</summary>
    [Params("ingest-traces", "traces-protobuf")]
    public string Sample { get; set; } = "ingest-traces";

    [GlobalSetup]
    public void Setup()
    {
        _capture = EgressSamples.Capture(Sample);
        _payload = _capture.Payload!;
        var texts = new Texts();
        _payload.Visit(texts);
        _texts = [.. texts.Seen];
        _sensitive = new SensitiveText([]);
        _audit = EgressSamples.Audit();
        _audit.Received(_capture);
        _bare = _capture with { Payload = null };
        _audit.Received(_bare);
    }

    [Benchmark]
    public void Walk() => _payload.Visit(Nothing.Instance);

    [Benchmark]
    public int Search()
    {
        var found = 0;
        foreach (var text in _texts)
            found += _sensitive.TryFind(text, 0, out _) ? 1 : 0;
        return found;
    }

    [Benchmark]
    public int WithoutPayload() => _audit.Received(_bare).Count;

    [Benchmark]
    public int Audit() => _audit.Received(_capture).Count;

    private sealed class Nothing : IPayloadVisitor
    {
        public static readonly Nothing Instance = new();

        public void Visit(in PayloadValue value)
        {
        }
    }

    private sealed class Texts : IPayloadVisitor
    {
        public List<string> Seen { get; } = [];

        public void Visit(in PayloadValue value)
        {
            if (!value.Name.IsEmpty)
                Seen.Add(value.Name.ToString());
            if (value.Type is PayloadValueType.String or PayloadValueType.Number)
                Seen.Add(value.Text.ToString());
        }
    }
}
