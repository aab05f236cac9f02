using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>What a capture records of a request on a wire route, accepted or refused, and which routes are not captured.</summary>
public sealed class WirePipelineTests() : HostedTest(Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Beacon:MaxBodyBytes"] = $"{MaxBodyBytes}",
        ["Beacon:Store:MaxTextPayloadBytes"] = $"{MaxTextPayloadBytes}",
        ["Beacon:Licenses:0:Key"] = RevokedLicense,
        ["Beacon:Licenses:0:Status"] = "revoked",
    };

    private const string RevokedLicense = "lic-revoked";
    private const int MaxBodyBytes = 2048;
    private const int MaxTextPayloadBytes = 100;

    [Fact]
    public async Task Capture_OfAGetWithAQuery_RecordsKindMethodPathAndQuery()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth?langgraph-api=true");
        request.Headers.Add("X-Api-Key", "lsv2_key");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal("auth", capture.GetProperty("kind").GetString());
        Assert.Equal("GET", capture.GetProperty("method").GetString());
        Assert.Equal("/auth", capture.GetProperty("path").GetString());
        Assert.Equal("?langgraph-api=true", capture.GetProperty("query").GetString());
        Assert.Equal(0, capture.GetProperty("bodyBytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, capture.GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task Capture_OfAPostWithoutAQuery_HasNoQuery()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");

        var capture = await Client.LastCaptureAsync();
        Assert.Equal(("verify", "POST", "/v1/beacon/verify"),
            (capture.GetProperty("kind").GetString(), capture.GetProperty("method").GetString(), capture.GetProperty("path").GetString()));
        Assert.Equal(JsonValueKind.Null, capture.GetProperty("query").ValueKind);
    }

    [Fact]
    public async Task Capture_KeepsTheSelectedHeadersAndNoOthers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beacon/verify") { Content = Wire.Json("""{"license":"lic-1"}""") };
        request.Headers.TryAddWithoutValidation("User-Agent", "beacon-tests/1.0");
        request.Headers.Add("X-Api-Key", "api-key-1");
        request.Headers.Add("X-Langchain-License-Key", "license-key-1");
        request.Headers.Add("X-Data-Plane-Auth", "data-plane-1");
        request.Headers.Add("X-Other", "not kept");

        await Client.SendAsync(request);

        var headers = (await Client.LastCaptureAsync()).GetProperty("headers").EnumerateObject()
            .ToDictionary(h => h.Name, h => h.Value.GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["User-Agent"] = "beacon-tests/1.0",
            ["X-Api-Key"] = "api-key-1",
            ["X-Langchain-License-Key"] = "license-key-1",
            ["X-Data-Plane-Auth"] = "data-plane-1",
        }, headers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"license":"lic-ü-€-✓"}""")]
    [InlineData("""{ "license" : "spaced",  "extra": [1, 2, 3] }""")]
    public async Task Capture_BodyBytesAndPayload_AreWhatWasSent(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await Client.PostAsync("/v1/beacon/verify", content);

        var capture = await Client.LastCaptureAsync();
        Assert.Equal(bytes.Length, capture.GetProperty("bodyBytes").GetInt64());
        var payload = capture.GetProperty("payload");
        Assert.Equal(body.Length == 0 ? "null" : body, payload.GetRawText());
    }

    [Fact]
    public async Task Capture_ReceivedAt_IsTheClockTimeAtReceipt()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");
        App.Clock.Advance(TimeSpan.FromSeconds(90));
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");

        var captures = await Client.CapturesAsync();
        Assert.Equal([BeaconApplication.Start, BeaconApplication.Start.AddSeconds(90)],
            captures.Select(c => c.GetProperty("receivedAt").GetDateTimeOffset()));
    }

    [Theory]
    [InlineData("/v1/beacon/verify", """{"license":"lic-1"}""", "application/json", 200)]
    [InlineData("/v1/beacon/metadata/submit", """{"license_key":"lic-1","from_timestamp":"2025-01-06T09:00:00Z","to_timestamp":"2025-01-06T10:00:00Z","tags":{},"measures":{}}""", "application/json", 204)]
    [InlineData("/v1/beacon/verify", """{"license":""}""", "application/json", 400)]
    [InlineData("/v1/beacon/verify", """{"license":"lic-1""", "application/json", 400)]
    [InlineData("/v1/beacon/verify", """{"license":"lic-revoked"}""", "application/json", 403)]
    [InlineData("/v1/beacon/verify", """{"license":"lic-1"}""", "text/plain", 415)]
    public async Task Capture_Status_IsTheStatusAnswered(string path, string body, string contentType, int status)
    {
        var response = await Client.SendAsync(Wire.Request(HttpMethod.Post, path, body, contentType));

        Assert.Equal(status, (int)response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(status, capture.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("verify", """{"license":"from-license"}""", null, null, "from-license")]
    [InlineData("verify", """{"api_key":"c","license_key":"b","license":"a"}""", null, null, "a")]
    [InlineData("verify", """{"license_key":"stray","api_key":"stray"}""", null, null, null)]
    [InlineData("verify", """{"nested":{"license":"inner"}}""", null, null, null)]
    [InlineData("verify", "{}", "X-Langchain-License-Key", "from-header", "from-header")]
    [InlineData("verify", "{}", "X-Api-Key", "from-api-key-header", "from-api-key-header")]
    [InlineData("verify", """{"license":42}""", "X-Api-Key", "from-api-key-header", "from-api-key-header")]
    [InlineData("verify", """{"license":"body-wins"}""", "X-Langchain-License-Key", "from-header", "body-wins")]
    [InlineData("usage-snapshot", """{"license_key":"own","license":"stray"}""", null, null, "own")]
    [InlineData("usage-snapshot", """{"license":"stray"}""", null, null, null)]
    [InlineData("metadata/submit", """{"license_key":"from-license-key"}""", null, null, "from-license-key")]
    [InlineData("metadata/submit", """{"api_key":"from-api-key"}""", null, null, "from-api-key")]
    [InlineData("metadata/submit", """{"api_key":"c","license_key":"b","license":"a"}""", null, null, "b")]
    [InlineData("metadata/submit", """{"api_key":"c","license":"a"}""", null, null, "a")]
    public async Task Capture_License_IsTheRoutesOwnFieldElseTheHeaders(string route, string body, string? header, string? value, string? expected)
    {
        var request = Wire.Request(HttpMethod.Post, $"/v1/beacon/{route}", body, "application/json");
        if (header is not null)
            request.Headers.Add(header, value);

        await Client.SendAsync(request);

        var license = (await Client.LastCaptureAsync()).GetProperty("license");
        Assert.Equal(expected, license.ValueKind == JsonValueKind.Null ? null : license.GetString());
    }

    [Fact]
    public async Task Capture_WithBothKeyHeaders_PrefersTheLicenseKeyHeader()
    {
        var request = Wire.Request(HttpMethod.Post, "/v1/beacon/verify", "{}", "application/json");
        request.Headers.Add("X-Api-Key", "api-key");
        request.Headers.Add("X-Langchain-License-Key", "license-key");

        await Client.SendAsync(request);

        Assert.Equal("license-key", (await Client.LastCaptureAsync()).GetProperty("license").GetString());
    }

    [Theory]
    [InlineData("text/plain", 50, 415)]
    [InlineData("text/plain", 500, 415)]
    [InlineData("application/json", 500, 400)]
    public async Task Capture_OfABodyThatIsNotJson_KeepsItsStartAsAJsonString(string contentType, int length, int status)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));

        var response = await Client.SendAsync(Wire.Request(HttpMethod.Post, "/v1/beacon/verify", text, contentType));

        Assert.Equal(status, (int)response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(length, capture.GetProperty("bodyBytes").GetInt64());
        Assert.Equal(text[..Math.Min(length, MaxTextPayloadBytes)], capture.GetProperty("payloadText").GetString());
    }

    [Fact]
    public async Task Capture_OfATextCutInsideAMultiByteCharacter_KeepsOnlyWholeCharactersSent()
    {
        var text = new string('€', 100); // 300 bytes; a cut at 100 bytes falls inside the 34th character

        await Client.SendAsync(Wire.Request(HttpMethod.Post, "/v1/beacon/verify", text, "text/plain"));

        var payload = (await Client.LastCaptureAsync()).GetProperty("payloadText").GetString()!;
        Assert.InRange(Encoding.UTF8.GetByteCount(payload), 0, MaxTextPayloadBytes);
        Assert.StartsWith(payload, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Capture_OfABodyOverMaxBodyBytes_Answers413AndIsStillCaptured(bool declaredLength)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"license":"{{new string('x', 3000)}}"}""");
        HttpContent content = declaredLength ? new ByteArrayContent(body) : new UnknownLengthContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await Client.PostAsync("/v1/beacon/verify", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("Beacon:MaxBodyBytes", problem.GetProperty("detail").GetString());
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(("verify", 413), (capture.GetProperty("kind").GetString(), capture.GetProperty("status").GetInt32()));
        Assert.InRange(capture.GetProperty("bodyBytes").GetInt64(), MaxBodyBytes + 1, body.Length);
        Assert.Contains(capture.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("message").GetString()!.Contains("Beacon:MaxBodyBytes"));
    }

    [Fact]
    public async Task Capture_OfABodyOverMaxBodyBytesWithItsLength_RecordsTheDeclaredLength()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"license":"{{new string('x', 3000)}}"}""");

        await Client.PostAsync("/v1/beacon/verify", new ByteArrayContent(body));

        Assert.Equal(body.Length, (await Client.LastCaptureAsync()).GetProperty("bodyBytes").GetInt64());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/mock/captures")]
    [InlineData("/mock/captures/1")]
    [InlineData("/mock/billing/transactions")]
    [InlineData("/mock/licenses")]
    [InlineData("/.well-known/jwks.json")]
    public async Task Request_OffTheWireSurface_IsNotCaptured(string path)
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");

        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await (await Client.GetAsync("/mock/captures")).ReadJsonAsync();
        Assert.Equal((1, 1L), (list.GetProperty("total").GetInt32(), list.GetProperty("lastSequence").GetInt64()));
    }

    /// <summary>A body sent without Content-Length (chunked), so the server only learns its size by reading it.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
