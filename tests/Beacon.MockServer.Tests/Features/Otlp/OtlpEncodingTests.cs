using System.Net;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// One model whatever the encoding: the same export sent as protobuf and as JSON, plain and gzip,
/// makes four captures with the same payload, and that payload is the data that was sent.
/// </summary>
public sealed class OtlpEncodingTests : HostedTest
{
    public static TheoryData<string, string> Signals => new()
    {
        { Infrastructure.Otlp.Traces, "traces" },
        { Infrastructure.Otlp.Metrics, "metrics" },
        { Infrastructure.Otlp.Logs, "logs" },
    };

    private static IMessage MessageFor(string kind) => kind switch
    {
        "traces" => OtlpMessages.Traces(),
        "metrics" => OtlpMessages.Metrics(),
        _ => OtlpMessages.Logs(),
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public async Task SameExport_AsProtobufAndJson_PlainAndGzip_MakesEqualCaptures(string path, string kind)
    {
        var message = MessageFor(kind);
        var json = Infrastructure.Otlp.ToOtlpJson(message);

        HttpResponseMessage[] responses =
        [
            await Client.PostProtobufAsync(path, message),
            await Client.PostProtobufAsync(path, message, gzip: true),
            await Client.PostOtlpJsonAsync(path, json),
            await Client.PostOtlpJsonAsync(path, json, gzip: true),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var captures = await Client.CapturesAsync($"?kind={kind}");
        Assert.Equal(4, captures.Length);
        Assert.Equal(["protobuf", "protobuf", "json", "json"], captures.Select(c => c.GetProperty("encoding").GetString()));
        Assert.Equal([null, "gzip", null, "gzip"], captures.Select(c => c.GetProperty("compression").GetString()));
        Assert.All(captures, c => Assert.Empty(c.OfTheRoute()));
        // The decoded size is the size of what was sent, compressed or not; the wire size is what came.
        Assert.All(captures.Take(2), c => Assert.Equal(message.CalculateSize(), c.GetProperty("decodedBytes").GetInt64()));
        Assert.Equal(message.CalculateSize(), captures[0].GetProperty("bodyBytes").GetInt64());
        Assert.True(captures[1].GetProperty("bodyBytes").GetInt64() < message.CalculateSize());

        var payloads = captures.Select(c => c.GetProperty("payload").GetRawText()).ToArray();
        Assert.All(payloads, p => Assert.Equal(payloads[0], p));
        // Equal, and equal to what was sent: the payload reads back as the message itself.
        var parsed = Infrastructure.Otlp.FromOtlpJson(payloads[0], message.Descriptor);
        Assert.Equal(message, parsed);
    }

    [Fact]
    public async Task Payload_WritesIdsInHex_And64BitIntegersAsStrings()
    {
        await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());

        var span = (await Client.LastCaptureAsync()).GetProperty("payload")
            .GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans")[1];
        Assert.Equal(OtlpMessages.TraceId, span.GetProperty("traceId").GetString());
        Assert.Equal(OtlpMessages.RootSpanId, span.GetProperty("parentSpanId").GetString());
        Assert.Equal("1700000000010000000", span.GetProperty("startTimeUnixNano").GetString());
        Assert.Equal(3, span.GetProperty("kind").GetInt32());
    }

    [Fact]
    public async Task Json_UpperCaseHexIds_AreCapturedInLowerCase_WithoutFindings()
    {
        var json = Infrastructure.Otlp.ToOtlpJson(OtlpMessages.Traces())
            .Replace(OtlpMessages.TraceId, OtlpMessages.TraceId.ToUpperInvariant(), StringComparison.Ordinal);

        var response = await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
        Assert.DoesNotContain(OtlpMessages.TraceId.ToUpperInvariant(), capture.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task Json_NumbersForInt64s_AndStringsForInt32s_AreBothRead()
    {
        const string json = """
            {"resourceSpans":[{"scopeSpans":[{"spans":[{
              "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"n",
              "kind":"2","startTimeUnixNano":1700000000000000001,"endTimeUnixNano":"1700000000000000002",
              "attributes":[{"key":"big","value":{"intValue":9007199254740993}},{"key":"nan","value":{"doubleValue":"NaN"}}]
            }]}]}]}
            """;

        var response = await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = (await Client.ViewAsync("spans")).Single();
        Assert.Equal(2, span.GetProperty("kind").GetInt32());
        Assert.Equal("1700000000000000001", span.GetProperty("startTimeUnixNano").GetString());
        Assert.Equal(9007199254740993, span.GetProperty("attributes").GetProperty("big").GetInt64());
        Assert.Equal("NaN", span.GetProperty("attributes").GetProperty("nan").GetString());
    }

    [Fact]
    public async Task Json_NullListElements_ReadAsEmptyMessages_AsForAnyOtherNull()
    {
        const string json = """
            {"resourceSpans":[null,{"resource":{"attributes":[null,{"key":"service.name","value":{"stringValue":"s"}}]},
              "scopeSpans":[null,{"spans":[null,{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"n",
                "events":[null],"links":[null],"attributes":[{"key":"list","value":{"arrayValue":{"values":[null,{"intValue":"1"}]}}}]}]}]}]}
            """;

        var response = await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = await Client.ViewAsync("spans");
        Assert.Equal(["", "n"], spans.Select(s => s.GetProperty("name").GetString()));
        var span = spans[1];
        Assert.Equal("s", span.GetProperty("resource").GetProperty("service.name").GetString());
        Assert.Equal(1, span.GetProperty("events").GetArrayLength());
        Assert.Equal(1, span.GetProperty("links").GetArrayLength());
        Assert.Equal("[null,1]", span.GetProperty("attributes").GetProperty("list").GetRawText());
        // And each list that held one says so.
        var capture = await Client.LastCaptureAsync();
        var held = capture.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("message").GetString() == "holds null items; each was read as an empty message")
            .Select(f => f.GetProperty("path").GetString());
        Assert.Equal(
            ["resourceSpans", "resourceSpans[1].scopeSpans", "resourceSpans[1].resource.attributes", "resourceSpans[1].scopeSpans[1].spans",
             "resourceSpans[1].scopeSpans[1].spans[1].events", "resourceSpans[1].scopeSpans[1].spans[1].links"],
            held);
    }

    [Fact]
    public async Task Json_UnknownKeys_AreIgnored_AndReportedAsFindings()
    {
        const string json = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"n","colour":"blue"}]}]}],"extra":1}""";

        var response = await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        var paths = capture.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToArray();
        Assert.Equal(["extra", "resourceSpans[0].scopeSpans[0].spans[0].colour"], paths);
        Assert.DoesNotContain("colour", capture.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task Deflate_ZlibWrappedAndRaw_AreBothRead()
    {
        var message = OtlpMessages.Logs().ToByteArray();

        var zlib = await Client.PostOtlpAsync(Infrastructure.Otlp.Logs, Compress(message, raw: false), Infrastructure.Otlp.Protobuf, "deflate");
        var raw = await Client.PostOtlpAsync(Infrastructure.Otlp.Logs, Compress(message, raw: true), Infrastructure.Otlp.Protobuf, "deflate");

        Assert.Equal(HttpStatusCode.OK, zlib.StatusCode);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal(4, (await Client.ViewAsync("logs")).Length);
    }

    private static byte[] Compress(byte[] body, bool raw)
    {
        using var output = new MemoryStream();
        using (Stream deflate = raw
            ? new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)
            : new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(body);
        return output.ToArray();
    }
}
