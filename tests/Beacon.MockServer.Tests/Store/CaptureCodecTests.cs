using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Store;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Store.Capture;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Beacon.MockServer.Tests.Store;

/// <summary>
/// The store keeps a capture in a compact form and builds it again when it is read. What it builds must be the capture
/// it was given, to the byte of its JSON, key order included: every body form (an OTLP export kept as it came, as the
/// protobuf of what a JSON one held, or as its JSON when protobuf cannot hold it; strict or not; text, base64, a Beacon
/// JSON body), the findings the export makes again rather than keeping, the features' fields, and the answer.
/// </summary>
public sealed class CaptureCodecTests : IDisposable
{
    private readonly BeaconApplication _app = new();
    private readonly BeaconApplication _strict = new(new Dictionary<string, string?> { ["Beacon:Otlp:Strict"] = "true" });

    public void Dispose()
    {
        _app.Dispose();
        _strict.Dispose();
    }

    public static TheoryData<string, string> Bodies() => new()
    {
        { "traces", "documented" },
        { "metrics", "documented" },
        { "logs", "documented" },
        { "traces", "protobuf" },
        { "metrics", "protobuf" },
        { "logs", "protobuf" },
        { "traces", "json" },
        { "metrics", "json" },
        { "logs", "json" },
        { "traces", "garbage" },
        { "logs", "text" },
        { "metrics", "empty json" },
        { "traces", "odd protobuf" },
        { "logs", "odd protobuf" },
        { "traces", "odd json" },
        { "logs", "odd json" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void AnOtlpCapture_ReadsBackAsTheSameJson_StrictOrNot(string signal, string body)
    {
        foreach (var app in new[] { _app, _strict })
        {
            var capture = Otlp(app, signal, body);

            var stored = CaptureCodec.Encode(capture, sequence: 7);

            Assert.Equal(Json(app, capture with { Sequence = 7 }), Json(app, CaptureCodec.Decode(stored)));
            Assert.Equal(stored.Size, capture.RetainedBytes);
        }
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void AnOtlpCapture_Completed_ReadsBackWithItsStatusDetailsAnswerAndAddedFindings(string signal, string body)
    {
        var capture = Otlp(_app, signal, body);
        var protobuf = capture.Encoding == "protobuf";
        var format = new OtlpWireFormat(Signal(signal));
        var response = new DefaultHttpContext().Response;
        response.StatusCode = 200;
        response.ContentType = protobuf ? "application/x-protobuf" : "application/json";
        var answerBytes = protobuf
            ? new Beacon.MockServer.Features.Otlp.Protobuf.ExportTracePartialSuccess { RejectedSpans = 2, ErrorMessage = "two" }.ToByteArray()
            : "{\"partialSuccess\":{\"rejectedSpans\":\"2\"}}"u8.ToArray();
        var answer = new CaptureResponse(200, Headers(("Content-Type", response.ContentType), ("X-Beacon-Mock", "1")),
            format.KeepAnswer(response, answerBytes, cut: false), 1.25);
        var details = RawJson.FromValidated("{\"items\":2,\"note\":\"é\"}"u8);
        Finding[] more = [new("status", "answered by a fault rule"), new("$", "a second one")];

        var stored = CaptureCodec.Complete(CaptureCodec.Encode(capture, sequence: 9), 200, details, answer, more);

        var expected = (capture with { Sequence = 9, Status = 200, Details = details, Response = answer }).WithFindings(more);
        Assert.Equal(Json(_app, expected), Json(_app, CaptureCodec.Decode(stored)));
    }

    [Fact]
    public void AJsonExportPastTheConversionLimit_IsKeptAsItCame_ASmallerOneAsProtobuf_BothReadingBackTheSame()
    {
        var many = OtlpMessages.Traces();
        var spans = many.ResourceSpans[0].ScopeSpans[0].Spans;
        var span = spans[0];
        while (many.CalculateSize() < OtlpWireFormat.MaxConvertedJsonBytes)
            spans.Add(span.Clone());
        var large = System.Text.Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(many));
        Assert.True(large.Length > OtlpWireFormat.MaxConvertedJsonBytes);

        foreach (var (bytes, protobuf) in new[] { (large, false), (Body("traces", "json").Body, true) })
        {
            var capture = Otlp(_app, "traces", bytes, "application/json");
            var stored = CaptureCodec.Encode(capture, 4);

            Assert.Equal(protobuf, OtlpPayload.IsProtobuf(stored.PayloadReader));
            Assert.Equal(Json(_app, capture with { Sequence = 4 }), Json(_app, CaptureCodec.Decode(stored)));
        }
    }

    [Fact]
    public void ABeaconJsonCapture_WithFieldsAndAnAnswerCut_ReadsBackAsTheSameJson()
    {
        // Keys in the order sent, a duplicate, escapes and characters past ASCII: kept as the bytes they were.
        var body = "{ \"license_key\" : \"lcl_1234\", \"b\":1, \"a\":[1,2,{\"z\":null}], \"b\":2, \"s\":\"\\u00e9\\n\\\"é\" }"u8.ToArray();
        var capture = new CaptureRecord
        {
            Kind = "verify",
            ReceivedAt = BeaconApplication.Start.ToOffset(TimeSpan.FromHours(5.5)),
            Method = "POST",
            Path = "/v1/beacon/verify",
            Namespace = "team-a",
            Query = "?x=1&y=%20",
            Headers = Headers(("Content-Type", "application/json"), ("User-Agent", "langsmith/0.10"), ("X-Api-Key", "lsv2_…abcd")),
            License = "lcl_1234",
            BodyBytes = body.Length,
            Encoding = "json",
            Compression = "gzip",
            DecodedBytes = body.Length,
            Payload = new JsonPayload(RawJson.FromValidated(body)),
        }.WithFindings([new Finding("b", "repeats a key of its object"), new Finding("s", "unknown field")])
            .WithField("faultId", RawJson.FromValidated("12"u8))
            .WithField("upstream", RawJson.FromValidated("{\"url\":\"https://beacon.example/v1\",\"status\":502}"u8));
        var cut = new CaptureResponse(503, Headers(("Content-Type", "application/problem+json"), ("Retry-After", "3")),
            new KeptBody("{\"type\":\"about:blank\",\"tit"u8.ToArray(), cut: true), 0.5);

        var stored = CaptureCodec.Complete(CaptureCodec.Encode(capture, 3), 503, null, cut, []);

        var read = CaptureCodec.Decode(stored);
        Assert.Equal(Json(_app, capture with { Sequence = 3, Status = 503, Response = cut }), Json(_app, read));
        Assert.Contains("\"faultId\":12", Json(_app, read), StringComparison.Ordinal);
        Assert.Equal("team-a", stored.Namespace);
        Assert.Equal("lcl_1234", stored.License);
    }

    [Fact]
    public void ABodyThatIsNotUtf8_IsKeptAsBase64_AndAnAnswerThatIsNotJson_AsItsText()
    {
        byte[] binary = [0xff, 0x00, 0xfe, 0x80, 0x41];
        var capture = new CaptureRecord
        {
            Kind = "unmatched",
            ReceivedAt = BeaconApplication.Start,
            Method = "PATCH",
            Path = "/nowhere",
            Headers = Headers(),
            BodyBytes = binary.Length,
            Payload = TextPayload.Of(binary, 1024),
        };
        var answer = new CaptureResponse(404, Headers(("Content-Type", "text/plain")), new KeptBody("not found, nearest: /v1/beacon/verify"u8.ToArray(), cut: false), 0);

        var read = CaptureCodec.Decode(CaptureCodec.Complete(CaptureCodec.Encode(capture, 1), 404, null, answer, []));

        Assert.Equal(Json(_app, capture with { Sequence = 1, Status = 404, Response = answer }), Json(_app, read));
        Assert.Equal(Convert.ToBase64String(binary), read.PayloadText);
    }

    [Fact]
    public void FindingsPastTheCap_AreCountedNotKept_BeforeAndAfterTheAnswer()
    {
        var capture = CaptureStores.Capture().WithFindings([.. Enumerable.Range(0, 98).Select(i => new Finding($"f{i}", "kept"))]);
        Finding[] more = [.. Enumerable.Range(0, 5).Select(i => new Finding($"late{i}", "added"))];

        var read = CaptureCodec.Decode(CaptureCodec.Complete(CaptureCodec.Encode(capture, 2), 200, null, new CaptureResponse(200, Headers(), null, 0), more));

        Assert.Equal(CaptureRecord.MaxFindings, read.Findings.Count);
        Assert.Equal(3, read.FindingsDropped);
        Assert.Equal(Json(_app, capture.WithFindings(more) with { Sequence = 2, Status = 200, Response = new CaptureResponse(200, Headers(), null, 0) }), Json(_app, read));
    }

    /// <summary>A request to an OTLP route, read as the pipeline reads it, captured with what the reading found.</summary>
    private static CaptureRecord Otlp(BeaconApplication app, string signal, string body)
    {
        var (bytes, type) = Body(signal, body);
        return Otlp(app, signal, bytes, type);
    }

    private static CaptureRecord Otlp(BeaconApplication app, string signal, byte[] bytes, string type)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services, Request = { ContentType = type, Method = "POST" } };
        var read = new OtlpWireFormat(Signal(signal)).Read(context, bytes);
        return new CaptureRecord
        {
            Kind = signal,
            ReceivedAt = BeaconApplication.Start,
            Method = "POST",
            Path = "/v1/beacon/v1/" + signal,
            Headers = Headers(("Content-Type", type), ("User-Agent", "OTel-OTLP-Exporter-Dotnet/1.12.0")),
            BodyBytes = bytes.Length,
            Encoding = read.Encoding,
            DecodedBytes = bytes.Length,
            Payload = read.Payload,
        }.WithFindings(read.Findings);
    }

    private static (byte[] Body, string ContentType) Body(string signal, string form)
    {
        IMessage message = signal switch
        {
            "traces" => OtlpMessages.Traces(),
            "metrics" => OtlpMessages.Metrics(),
            _ => OtlpMessages.Logs(),
        };
        if (form.StartsWith("odd", StringComparison.Ordinal))
        {
            // Ids of the wrong length, which protobuf carries as they are and the export's checks report again on reading.
            Odd(message);
            form = form[4..];
        }
        return form switch
        {
            "documented" => (System.Text.Encoding.UTF8.GetBytes(Wire.Sample($"otlp-{signal}-request")), "application/json"),
            "protobuf" => (message.ToByteArray(), "application/x-protobuf"),
            "json" => (System.Text.Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(message)), "application/json"),
            "garbage" => ([0x0a, 0xff, 0xff, 0xff, 0x01, 0x00], "application/x-protobuf"),
            "text" => ("{\"resourceLogs\": [ oops"u8.ToArray(), "application/json"),
            _ => ([], "application/json"),
        };
    }

    private static void Odd(IMessage message)
    {
        switch (message)
        {
            case Beacon.MockServer.Features.Otlp.Protobuf.ExportTraceServiceRequest traces:
                foreach (var span in traces.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans))
                    (span.TraceId, span.ParentSpanId) = (ByteString.CopyFrom(1, 2, 3), ByteString.CopyFrom(9));
                break;
            case Beacon.MockServer.Features.Otlp.Protobuf.ExportLogsServiceRequest logs:
                foreach (var log in logs.ResourceLogs.SelectMany(r => r.ScopeLogs).SelectMany(s => s.LogRecords))
                    (log.SpanId, log.SeverityNumber) = (ByteString.CopyFrom(4, 5), 99);
                break;
        }
    }

    private static OtlpSignal Signal(string kind) => OtlpSignal.All.Single(s => s.Kind.Name == kind);

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The capture as the /mock API writes it, with the app's settings and the features' fields.</summary>
    private static string Json(BeaconApplication app, CaptureRecord capture)
    {
        var options = app.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.Serialize(capture, (JsonTypeInfo<CaptureRecord>)options.GetTypeInfo(typeof(CaptureRecord)));
    }
}
