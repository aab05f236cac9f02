using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Store.Capture;

namespace Beacon.MockServer.Benchmarks;

/// <summary>The egress audit as the server builds it, and captures of the documented samples as it sees them.</summary>
internal static class EgressSamples
{
    /// <summary>Each documented sample: its capture kind, path, and sample name (with the OTLP encoding for exports).</summary>
    public static readonly string[] Names =
        ["verify", "ingest-traces", "usage-snapshot", "metadata", "traces-json", "traces-protobuf", "metrics-protobuf", "logs-protobuf"];

    public static EgressAudit Audit(EgressOptions? options = null) =>
        new(Options.Create(options ?? new EgressOptions()), EgressContract.Load(), NullLogger<EgressAudit>.Instance);

    /// <summary>A capture of the sample <paramref name="name"/> (one of <see cref="Names"/>), as the pipeline builds it at receipt.</summary>
    public static CaptureRecord Capture(string name, string? ns = null)
    {
        if (name.Split('-') is [var signal and ("traces" or "metrics" or "logs"), var encoding])
            return Export(signal, Samples.Body(signal, Samples.Encoding(encoding)), Samples.Encoding(encoding), ns);
        var (path, sample, license) = name switch
        {
            "verify" => ("/v1/beacon/verify", "verify-request", "<YOUR_LICENSE_KEY>"),
            "ingest-traces" => ("/v1/beacon/ingest-traces", "ingest-traces-request", "<YOUR_LICENSE_KEY>"),
            "usage-snapshot" => ("/v1/beacon/usage-snapshot", "usage-snapshot-request", "<YOUR_LICENSE_KEY>"),
            "metadata" => ("/v1/metadata/submit", "metadata-submit-request", "lcl_<YOUR_LICENSE_KEY>"),
            _ => throw new ArgumentException($"No sample is named '{name}'.", nameof(name)),
        };
        return Json(name, path, System.Text.Encoding.UTF8.GetBytes(DocumentedSamples.Read(sample)), license, ns);
    }

    public static CaptureRecord Json(string kind, string path, byte[] body, string? license, string? ns) => new()
    {
        Kind = kind,
        ReceivedAt = DateTimeOffset.UtcNow,
        Method = "POST",
        Path = path,
        Namespace = ns,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json", ["User-Agent"] = "python-httpx/0.27.0" },
        License = license,
        BodyBytes = body.Length,
        Encoding = "json",
        Payload = new JsonPayload(RawJson.FromValidated(body)),
        Status = 200,
    };

    public static CaptureRecord Export(string signal, byte[] body, OtlpEncoding encoding, string? ns)
    {
        var read = new OtlpWireFormat(Samples.Signal(signal)).Read(Samples.Request(encoding), body);
        if (read.Failure is { } failure)
            throw new InvalidOperationException($"The {signal} export did not decode: {failure.Detail}");
        return new CaptureRecord
        {
            Kind = signal,
            ReceivedAt = DateTimeOffset.UtcNow,
            Method = "POST",
            Path = $"/v1/beacon/v1/{signal}",
            Namespace = ns,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = Samples.ContentType(encoding),
                ["User-Agent"] = "OTel-OTLP-Exporter-Python/1.27.0",
                ["X-Langchain-License-Key"] = "lcl_0123456789abcdef",
            },
            License = "lcl_0123456789abcdef",
            BodyBytes = body.Length,
            Encoding = read.Encoding,
            Payload = read.Payload,
            Status = 200,
        };
    }
}
