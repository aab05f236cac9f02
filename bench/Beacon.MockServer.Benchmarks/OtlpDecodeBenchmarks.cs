using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Features.Otlp.Model;
using Microsoft.AspNetCore.Http;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// What an OTLP endpoint runs on a documented sample between reading the body and storing the capture:
/// <see cref="OtlpWireFormat.Read"/>, which measures the export, decodes it (protobuf or JSON) into the model the
/// capture keeps, and inspects it.
/// </summary>
[MemoryDiagnoser]
public class OtlpDecodeBenchmarks
{
    private OtlpWireFormat _format = null!;
    private HttpContext _request = null!;
    private byte[] _body = [];

    [Params("traces", "metrics", "logs")]
    public string Signal { get; set; } = "traces";

    [Params("json", "protobuf")]
    public string Encoding { get; set; } = "json";

    [GlobalSetup]
    public void Setup()
    {
        _format = new OtlpWireFormat(Samples.Signal(Signal));
        _request = Samples.Request(Samples.Encoding(Encoding));
        _body = Samples.Body(Signal, Samples.Encoding(Encoding));
        if (_format.Read(_request, _body).Failure is { } failure)
            throw new InvalidOperationException($"The {Signal} sample did not decode as {Encoding}: {failure.Detail}");
    }

    /// <summary>The endpoint's whole read of the body, as the capture middleware calls it.</summary>
    [Benchmark]
    public object Read() => _format.Read(_request, _body);
}

/// <summary>
/// The steps of <see cref="OtlpDecodeBenchmarks.Read"/> for the documented traces sample, one at a time,
/// to show where its time goes: measuring, decoding (JSON or protobuf), inspecting, and writing the payload as JSON
/// (which happens only when a capture is asked for).
/// </summary>
[MemoryDiagnoser]
public class OtlpTracesStepBenchmarks
{
    private byte[] _json = [];
    private byte[] _protobuf = [];
    private TracesData _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = Samples.Json(Samples.Traces);
        _protobuf = Samples.Protobuf(Samples.Traces);
        _model = (TracesData)DecodeJson();
    }

    [Benchmark]
    public long MeasureJson() => Http.JsonBodyCheck.Run(_json, OtlpJson.MaxDepth, itemArrays: OtlpShape.ItemArrays).Items;

    [Benchmark]
    public long MeasureProtobuf() => OtlpShape.OfProtobuf(_protobuf, OtlpSignal.Traces)!.Value.Items;

    [Benchmark]
    public object DecodeJson() => JsonSerializer.Deserialize(_json, OtlpJson.Traces)!;

    [Benchmark]
    public object DecodeProtobuf() => OtlpProtobuf.ReadTraces(_protobuf);

    [Benchmark]
    public int Inspect()
    {
        var inspection = new OtlpInspection(strict: false);
        inspection.Check(_model);
        return inspection.Items;
    }

    [Benchmark]
    public string WritePayload() => new OtlpPayload(OtlpSignal.Traces, _model, _protobuf, OtlpForm.Protobuf, []).ToString();
}
