using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Features.Otlp.Model;
using Microsoft.AspNetCore.Http;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// What an OTLP endpoint runs on a documented sample between reading the body and storing the capture:
/// <see cref="OtlpWireFormat.Read"/>, which decodes (protobuf or JSON) into the model, inspects it, and
/// writes it back as the capture's OTLP JSON payload.
/// </summary>
[MemoryDiagnoser]
public class OtlpDecodeBenchmarks
{
    private readonly BeaconOptions _options = new();
    private OtlpWireFormat _format = null!;
    private HttpContext _request = null!;
    private byte[] _body = [];

    [Params(CaptureKinds.Traces, CaptureKinds.Metrics, CaptureKinds.Logs)]
    public string Signal { get; set; } = CaptureKinds.Traces;

    [ParamsAllValues]
    public OtlpEncoding Encoding { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _format = new OtlpWireFormat(Samples.Signal(Signal));
        _request = Samples.Request(Encoding);
        _body = Samples.Body(Signal, Encoding);
        if (_format.Read(_request, _body, _options).Failure is { } failure)
            throw new InvalidOperationException($"The {Signal} sample did not decode as {Encoding}: {failure.Detail}");
    }

    /// <summary>The endpoint's whole read of the body, as the capture middleware calls it.</summary>
    [Benchmark]
    public WireBody Read() => _format.Read(_request, _body, _options);
}

/// <summary>
/// The steps of <see cref="OtlpDecodeBenchmarks.Read"/> for the documented traces sample, one at a time,
/// to show where its time goes: decoding (JSON or protobuf), inspecting, and writing the payload.
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
        _json = Samples.Json(CaptureKinds.Traces);
        _protobuf = Samples.Protobuf(CaptureKinds.Traces);
        _model = DecodeJson();
    }

    [Benchmark]
    public TracesData DecodeJson() => JsonSerializer.Deserialize(_json, OtlpJson.Traces)!;

    [Benchmark]
    public TracesData DecodeProtobuf() => OtlpProtobuf.ReadTraces(_protobuf);

    [Benchmark]
    public OtlpInspection Inspect()
    {
        var inspection = new OtlpInspection(strict: false);
        inspection.Check(_model);
        return inspection;
    }

    [Benchmark]
    public RawJson WritePayload() => RawJson.Serialize(_model, OtlpJson.Traces);
}
