using System.Text.Json.Nodes;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using CaptureRecord = Beacon.MockServer.Store.Capture;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Benchmarks;

/// <summary>The documented OTLP samples as bodies, and captures of them made the way the capture middleware makes them.</summary>
internal static class Samples
{
    public const string JsonType = "application/json";
    public const string ProtobufType = "application/x-protobuf";

    public const string Traces = "traces";

    public static OtlpSignal Signal(string kind) => OtlpSignal.All.SingleOrDefault(s => s.Kind.Name == kind)
        ?? throw new ArgumentException($"'{kind}' is not an OTLP signal: traces, metrics or logs.", nameof(kind));

    public static OtlpEncoding Encoding(string name) => name == "protobuf" ? OtlpEncoding.Protobuf : OtlpEncoding.Json;

    /// <summary>The services a wire format reads its settings from, with the defaults.</summary>
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddOptions().Configure<BeaconOptions>(_ => { }).Configure<OtlpOptions>(_ => { }).BuildServiceProvider();

    /// <summary>The sample's bytes as documented, for example <c>Json("traces")</c>.</summary>
    public static byte[] Json(string signal) => System.Text.Encoding.UTF8.GetBytes(DocumentedSamples.Read($"otlp-{signal}-request"));

    /// <summary>
    /// The sample as the protobuf an OpenTelemetry SDK would send for it. Proto3's JSON mapping reads it once
    /// its hex ids are turned into base64. The traces sample has a span id that is not hex ("0932ksdka12345"):
    /// protobuf cannot carry it as sent, so its UTF-8 bytes stand in, which keeps the body the same size.
    /// Keys proto3 does not know (the metrics sample puts Sum fields on a data point) are skipped.
    /// </summary>
    public static byte[] Protobuf(string signal)
    {
        var json = JsonNode.Parse(DocumentedSamples.Read($"otlp-{signal}-request"))!;
        HexIdsToBase64(json);
        MessageDescriptor descriptor = signal switch
        {
            "traces" => Wire.ExportTraceServiceRequest.Descriptor,
            "metrics" => Wire.ExportMetricsServiceRequest.Descriptor,
            _ => Wire.ExportLogsServiceRequest.Descriptor,
        };
        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
        return parser.Parse(json.ToJsonString(), descriptor).ToByteArray();
    }

    public static byte[] Body(string signal, OtlpEncoding encoding) =>
        encoding == OtlpEncoding.Protobuf ? Protobuf(signal) : Json(signal);

    public static string ContentType(OtlpEncoding encoding) => encoding == OtlpEncoding.Protobuf ? ProtobufType : JsonType;

    /// <summary>A request as the OTLP endpoint's wire format sees it: only its Content-Type is read.</summary>
    public static HttpContext Request(OtlpEncoding encoding) =>
        new DefaultHttpContext { Request = { ContentType = ContentType(encoding), Method = HttpMethods.Post }, RequestServices = Services };

    /// <summary>
    /// A traces export captured as the middleware captures it: read by the endpoint's wire format, with the
    /// headers an SDK sends. <see cref="Complete"/> then adds what the middleware adds as the response starts.
    /// </summary>
    public static (CaptureRecord Capture, OtlpExport Export) Captured(byte[] body, OtlpEncoding encoding)
    {
        var read = new OtlpWireFormat(OtlpSignal.Traces).Read(Request(encoding), body);
        var capture = new CaptureRecord
        {
            Kind = Traces,
            ReceivedAt = DateTimeOffset.UtcNow,
            Method = HttpMethods.Post,
            Path = "/v1/beacon/v1/traces",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = ContentType(encoding),
                ["User-Agent"] = "OTel-OTLP-Exporter-Dotnet/1.20.1",
            },
            BodyBytes = body.Length,
            Encoding = read.Encoding,
            DecodedBytes = body.Length,
            Payload = read.Payload,
        }.WithFindings(read.Findings);
        return (capture, (OtlpExport)read.Decoded!);
    }

    /// <summary>What the capture middleware does when the response starts: the status, the findings, the details.</summary>
    public static CaptureRecord Complete(CaptureStore store, CaptureEntry entry, OtlpExport export)
    {
        // As the pipeline completes it: the status, the details, and the answer (an empty export response).
        var protobuf = export.Encoding == OtlpEncoding.Protobuf;
        var answer = new CaptureResponse(StatusCodes.Status200OK,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = ContentType(export.Encoding) },
            protobuf ? new OtlpAnswer(OtlpSignal.Traces.Answers, ReadOnlyMemory<byte>.Empty) : new KeptBody("{ }"u8.ToArray(), cut: false), 0.25);
        store.Complete(entry, StatusCodes.Status200OK, RawJson.Serialize(export.Details, OtlpJsonViews.Default.OtlpDetails), answer, []);
        return store.Find(entry.Sequence)!;
    }

    private static void HexIdsToBase64(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    if (key is "traceId" or "spanId" or "parentSpanId" && value is JsonValue id)
                        json[key] = Convert.ToBase64String(IdBytes(id.GetValue<string>()));
                    else
                        HexIdsToBase64(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    HexIdsToBase64(item);
                break;
        }
    }

    private static byte[] IdBytes(string id)
    {
        try
        {
            return Convert.FromHexString(id);
        }
        catch (FormatException)
        {
            return System.Text.Encoding.UTF8.GetBytes(id);
        }
    }
}
