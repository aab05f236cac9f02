using System.Net;
using System.Text;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// Every way an OTLP request can be refused, each answered with a google.rpc.Status in the request's
/// encoding, captured like any request, and harmless: the server keeps serving, and what was captured
/// before is still there, unchanged.
/// </summary>
public sealed class OtlpFailureTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:MaxBodyBytes"] = $"{Limit}" })
{
    private const int Limit = 4096;

    public sealed record Case(string Name, byte[] Body, string? ContentType, string? ContentEncoding, HttpStatusCode Status, string StatusType, string Mentions)
    {
        public override string ToString() => Name;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Truncated(byte[] gzip) => gzip[..(gzip.Length / 2)];

    /// <summary>A small compressed body, well under the limit, that inflates far past it.</summary>
    private static byte[] Bomb(byte[] inflated)
    {
        var gzip = Infrastructure.Otlp.Gzip(inflated);
        Assert.True(gzip.Length < Limit / 4);
        return gzip;
    }

    private static readonly byte[] Protobuf = OtlpMessages.Traces().ToByteArray();

    public static TheoryData<Case> Cases => new(
        new Case("text/plain", Utf8("hello"), "text/plain", null, HttpStatusCode.UnsupportedMediaType, Infrastructure.Otlp.Json, "'text/plain' is not supported"),
        new Case("no content type", Protobuf, null, null, HttpStatusCode.UnsupportedMediaType, Infrastructure.Otlp.Json, "missing Content-Type"),
        new Case("brotli protobuf", Protobuf, Infrastructure.Otlp.Protobuf, "br", HttpStatusCode.UnsupportedMediaType, Infrastructure.Otlp.Protobuf, "Content-Encoding 'br'"),
        new Case("brotli json", Utf8("{}"), Infrastructure.Otlp.Json, "br", HttpStatusCode.UnsupportedMediaType, Infrastructure.Otlp.Json, "Content-Encoding 'br'"),
        new Case("bad protobuf", [0x0A, 0x05, 0x61, 0x62], Infrastructure.Otlp.Protobuf, null, HttpStatusCode.BadRequest, Infrastructure.Otlp.Protobuf, "not a valid OTLP protobuf ExportTraceServiceRequest"),
        new Case("json as protobuf", Utf8("""{"resourceSpans":[]}"""), Infrastructure.Otlp.Protobuf, null, HttpStatusCode.BadRequest, Infrastructure.Otlp.Protobuf, "not a valid OTLP protobuf"),
        new Case("malformed json", Utf8("""{"resourceSpans": ["""), Infrastructure.Otlp.Json, null, HttpStatusCode.BadRequest, Infrastructure.Otlp.Json, "not a valid OTLP JSON ExportTraceServiceRequest"),
        new Case("mistyped json", Utf8("""{"resourceSpans": 5}"""), Infrastructure.Otlp.Json, null, HttpStatusCode.BadRequest, Infrastructure.Otlp.Json, "$.resourceSpans"),
        new Case("json null", Utf8("null"), Infrastructure.Otlp.Json, null, HttpStatusCode.BadRequest, Infrastructure.Otlp.Json, "the body is null"),
        new Case("hex id as number", Utf8("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":12}]}]}]}"""), Infrastructure.Otlp.Json, null, HttpStatusCode.BadRequest, Infrastructure.Otlp.Json, "traceId"),
        new Case("json not utf-8", [0x7B, 0x22, 0xFF, 0x22, 0x7D], Infrastructure.Otlp.Json, null, HttpStatusCode.BadRequest, Infrastructure.Otlp.Json, "not valid UTF-8"),
        new Case("corrupt gzip", [0x1F, 0x8B, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9], Infrastructure.Otlp.Protobuf, "gzip", HttpStatusCode.BadRequest, Infrastructure.Otlp.Protobuf, "not valid gzip data"),
        new Case("truncated gzip", Truncated(Infrastructure.Otlp.Gzip(Protobuf)), Infrastructure.Otlp.Protobuf, "gzip", HttpStatusCode.BadRequest, Infrastructure.Otlp.Protobuf, "breaks off"),
        new Case("corrupt gzip json", Utf8("not gzip at all"), Infrastructure.Otlp.Json, "gzip", HttpStatusCode.BadRequest, Infrastructure.Otlp.Json, "not valid gzip data"),
        new Case("oversize", new byte[Limit + 1], Infrastructure.Otlp.Protobuf, null, HttpStatusCode.RequestEntityTooLarge, Infrastructure.Otlp.Protobuf, $"larger than {Limit} bytes"),
        new Case("gzip bomb", Bomb(new byte[100_000]), Infrastructure.Otlp.Protobuf, "gzip", HttpStatusCode.RequestEntityTooLarge, Infrastructure.Otlp.Protobuf, $"inflates past {Limit} bytes"),
        new Case("gzip bomb json", Bomb(Utf8(new string(' ', 100_000))), Infrastructure.Otlp.Json, "gzip", HttpStatusCode.RequestEntityTooLarge, Infrastructure.Otlp.Json, "inflates past"));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequest_GetsAStatusInTheRequestEncoding_IsCaptured_AndHarmsNothing(Case @case)
    {
        await Client.PostJsonAsync(Infrastructure.Otlp.Logs, Wire.Sample("otlp-logs-request"));
        var before = await Client.LastCaptureAsync();

        var response = await Client.PostAsync(Infrastructure.Otlp.Traces, Infrastructure.Otlp.Content(@case.Body, @case.ContentType, @case.ContentEncoding));

        Assert.Equal(@case.Status, response.StatusCode);
        var status = await response.ReadStatusAsync(@case.StatusType);
        Assert.Equal(3, status.Code); // INVALID_ARGUMENT
        Assert.Contains(@case.Mentions, status.Message);

        var capture = await Client.LastCaptureAsync();
        Assert.Equal("traces", capture.GetProperty("kind").GetString());
        Assert.Equal((int)@case.Status, capture.GetProperty("status").GetInt32());
        Assert.Equal(@case.Body.Length, capture.GetProperty("bodyBytes").GetInt64());

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
        var after = await Client.CapturesAsync("?kind=logs");
        Assert.Equal(before.GetRawText(), Assert.Single(after).GetRawText());
        Assert.Equal(2, (await Client.ViewAsync("logs")).Length);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PROPFIND")]
    [InlineData("BREW")]
    public async Task AnotherMethod_Gets405WithAStatus_AndAllowPost(string method)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Infrastructure.Otlp.Metrics));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        var status = await response.ReadStatusAsync(Infrastructure.Otlp.Json);
        Assert.Contains($"{method} is not allowed", status.Message);
    }

    [Fact]
    public async Task UndecodableProtobuf_IsKeptInTheCaptureAsBase64()
    {
        byte[] body = [0x0A, 0x05, 0xFF, 0xFE];

        await Client.PostOtlpAsync(Infrastructure.Otlp.Traces, body, Infrastructure.Otlp.Protobuf);

        var capture = await Client.LastCaptureAsync();
        Assert.Equal("protobuf", capture.GetProperty("encoding").GetString());
        Assert.Equal(Convert.ToBase64String(body), capture.GetProperty("payloadText").GetString());
        Assert.Contains("base64", capture.GetProperty("findings")[0].GetProperty("message").GetString());
        Assert.Empty(await Client.ViewAsync("spans"));
    }

    [Fact]
    public async Task ContentTypeParameters_AreTolerated()
    {
        var response = await Client.PostOtlpAsync(Infrastructure.Otlp.Logs, Utf8(Wire.Sample("otlp-logs-request")), "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
