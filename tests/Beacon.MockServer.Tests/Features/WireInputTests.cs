using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features;

/// <summary>
/// What every JSON wire route does with a body it cannot read: a 4xx problem, never a 5xx, the request
/// still captured with the status it got, and the server still healthy afterwards.
/// </summary>
public sealed class WireInputTests : HostedTest
{
    private const string Verify = "/v1/beacon/verify";
    private const string IngestTraces = "/v1/beacon/ingest-traces";
    private const string UsageSnapshot = "/v1/beacon/usage-snapshot";
    private const string Metadata = "/v1/metadata/submit";

    /// <summary>Each route's capture kind, documented sample, and the status that sample gets.</summary>
    private static readonly Dictionary<string, (string Kind, string Sample, HttpStatusCode Accepted)> RouteTable = new()
    {
        [Verify] = ("verify", "verify-request", HttpStatusCode.OK),
        [IngestTraces] = ("ingest-traces", "ingest-traces-request", HttpStatusCode.OK),
        [UsageSnapshot] = ("usage-snapshot", "usage-snapshot-request", HttpStatusCode.OK),
        [Metadata] = ("metadata", "metadata-submit-request", HttpStatusCode.NoContent),
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static TheoryData<string> Routes => [Verify, IngestTraces, UsageSnapshot, Metadata];

    public static TheoryData<string, string> MalformedBodies => OnEveryRoute(
        """{"license": }""",
        """{'license': 'lcl_key'}""",
        """{"license": "lcl_key",}""",
        """{"license": "lcl_key"} {"license": "lcl_key"}""",
        """{"license": "lcl_key" """,
        """{license: "lcl_key"}""",
        "{\"license\": \"lcl_key\" // comment\n}",
        "not json at all");

    public static TheoryData<string, string> NonObjectBodies => OnEveryRoute("[]", "[{}]", "\"lcl_key\"", "42", "true");

    public static TheoryData<string, string> UnsupportedContentTypes =>
        OnEveryRoute("text/plain", "text/plain; charset=utf-8", "application/xml", "application/x-www-form-urlencoded");

    public static TheoryData<string, string> JsonContentTypes =>
        OnEveryRoute("application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON");

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Post_MalformedJson_Returns400AndIsCaptured(string route, string body)
    {
        var response = await SendAsync(route, Encoding.UTF8.GetBytes(body), "application/json");

        await AssertBodyRejectedAsync(response);
        var capture = await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
        // A body that is not JSON is kept as text, so a test can still see what was sent.
        Assert.Equal(body, capture.GetProperty("payloadText").GetString());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_TruncatedJson_Returns400AndIsCaptured(string route)
    {
        var sample = Wire.Sample(RouteTable[route].Sample);
        var truncated = sample[..(sample.Length / 2)];

        var response = await SendAsync(route, Encoding.UTF8.GetBytes(truncated), "application/json");

        await AssertBodyRejectedAsync(response);
        var capture = await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
        Assert.Equal(truncated, capture.GetProperty("payloadText").GetString());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_EmptyBody_Returns400AndIsCaptured(string route)
    {
        var response = await SendAsync(route, [], "application/json");

        await AssertBodyRejectedAsync(response);
        var capture = await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
        Assert.Equal(0, capture.GetProperty("bodyBytes").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_JsonNull_Returns400AndIsCaptured(string route)
    {
        var response = await SendAsync(route, "null"u8.ToArray(), "application/json");

        await AssertBodyRejectedAsync(response);
        await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(NonObjectBodies))]
    public async Task Post_JsonThatIsNotAnObject_Returns400AndIsCaptured(string route, string body)
    {
        var response = await SendAsync(route, Encoding.UTF8.GetBytes(body), "application/json");

        await AssertBodyRejectedAsync(response);
        var capture = await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
        // Well-formed JSON is kept as JSON, whatever its shape.
        Assert.Equal(JsonDocument.Parse(body).RootElement.ValueKind, capture.GetProperty("payload").ValueKind);
    }

    [Theory]
    [MemberData(nameof(UnsupportedContentTypes))]
    public async Task Post_ContentTypeThatIsNotJson_Returns415WithADetailAndIsCaptured(string route, string contentType)
    {
        var response = await SendAsync(route, SampleBytes(route), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(contentType, detail);
        Assert.Contains("application/json", detail);
        var capture = await AssertCapturedAsync(route, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(contentType, capture.GetProperty("headers").GetProperty("Content-Type").GetString());
    }

    [Theory]
    [MemberData(nameof(JsonContentTypes))]
    public async Task Post_JsonContentTypeWithParametersOrOtherCase_IsAccepted(string route, string contentType)
    {
        var response = await SendAsync(route, SampleBytes(route), contentType);

        Assert.Equal(RouteTable[route].Accepted, response.StatusCode);
        var capture = await AssertCapturedAsync(route, RouteTable[route].Accepted);
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_NoContentTypeWithDocumentedBody_IsAcceptedAndReportedAsFinding(string route)
    {
        var response = await SendAsync(route, SampleBytes(route), contentType: null);

        Assert.Equal(RouteTable[route].Accepted, response.StatusCode);
        var capture = await AssertCapturedAsync(route, RouteTable[route].Accepted);
        var finding = Assert.Single(capture.GetProperty("findings").EnumerateArray());
        Assert.Equal("Content-Type", finding.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
        Assert.False(capture.GetProperty("headers").TryGetProperty("Content-Type", out _));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_JsonNestedDeeperThan64Levels_Returns400AndIsCaptured(string route)
    {
        var response = await SendAsync(route, SampleWithNesting(route, depth: 65), "application/json");

        await AssertBodyRejectedAsync(response);
        await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_JsonNestedFarDeeper_Returns400AndIsCaptured(string route)
    {
        var response = await SendAsync(route, SampleWithNesting(route, depth: 10_000), "application/json");

        await AssertBodyRejectedAsync(response);
        await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_JsonNestedExactly64Levels_IsAcceptedAndTheExtraPropertyReported(string route)
    {
        var response = await SendAsync(route, SampleWithNesting(route, depth: 64), "application/json");

        Assert.Equal(RouteTable[route].Accepted, response.StatusCode);
        var capture = await AssertCapturedAsync(route, RouteTable[route].Accepted);
        var finding = Assert.Single(capture.OfTheRoute());
        Assert.Equal("deep", finding.GetProperty("path").GetString());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_InvalidUtf8InTheLicenseString_Returns4xxAndIsCaptured(string route)
    {
        var body = SampleBytes(route);
        var license = Encoding.UTF8.GetBytes("<YOUR_LICENSE_KEY>");
        var at = body.AsSpan().IndexOf(license);
        Assert.True(at >= 0);
        body[at + 1] = 0xFF; // Never valid in UTF-8.
        body[at + 2] = 0xC3; // A lead byte with no continuation byte after it.

        var response = await SendAsync(route, body, "application/json");

        await AssertBodyRejectedAsync(response);
        await AssertCapturedAsync(route, HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_InvalidUtf8InAnotherString_Returns4xxAndIsCaptured(string route)
    {
        // {"note":"a\xFFb", ...the documented sample...}: the bad bytes sit in a string no field reads.
        byte[] prefix = [.. "{\"note\":\"a"u8, 0xFF, 0xFE, .. "b\","u8];
        var sample = SampleBytes(route);
        byte[] body = [.. prefix, .. sample.AsSpan(sample.AsSpan().IndexOf((byte)'{') + 1)];

        var response = await SendAsync(route, body, "application/json");

        Assert.InRange((int)response.StatusCode, 400, 499);
        await AssertCapturedAsync(route, response.StatusCode);
    }

    private static TheoryData<string, string> OnEveryRoute(params string[] values)
    {
        var data = new TheoryData<string, string>();
        foreach (var route in RouteTable.Keys)
        {
            foreach (var value in values)
                data.Add(route, value);
        }
        return data;
    }

    private static byte[] SampleBytes(string route) => Encoding.UTF8.GetBytes(Wire.Sample(RouteTable[route].Sample));

    /// <summary>The documented sample with a first property "deep" whose value makes the body <paramref name="depth"/> levels deep.</summary>
    private static byte[] SampleWithNesting(string route, int depth)
    {
        var sample = Wire.Sample(RouteTable[route].Sample);
        var arrays = depth - 1; // The body's own object is the first level.
        var body = $"{{\"deep\":{new string('[', arrays)}{new string(']', arrays)},{sample[(sample.IndexOf('{') + 1)..]}";
        return Encoding.UTF8.GetBytes(body);
    }

    private async Task<HttpResponseMessage> SendAsync(string route, byte[] body, string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await Client.SendAsync(request);
    }

    /// <summary>A 400 problem that names the body itself (<c>$</c>) as the field at fault.</summary>
    private static async Task AssertBodyRejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["$"], errors.EnumerateObject().Select(e => e.Name));
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty("$")[0].GetString()));
    }

    /// <summary>
    /// The captures, checked to be valid UTF-8 and read with a depth limit above the default 64: a capture
    /// of a 64-level body nests it three levels further down (list, item, payload).
    /// </summary>
    private async Task<JsonElement[]> CapturesAsync()
    {
        var bytes = await Client.GetByteArrayAsync("/mock/captures");
        var text = StrictUtf8.GetString(bytes); // Throws on bytes that are not UTF-8.
        using var list = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        return [.. list.RootElement.GetProperty("items").EnumerateArray().Select(c => c.Clone())];
    }

    /// <summary>The request was captured once, on its route, with the status it was answered; and the server is still healthy.</summary>
    private async Task<JsonElement> AssertCapturedAsync(string route, HttpStatusCode status)
    {
        var capture = Assert.Single(await CapturesAsync());
        Assert.Equal(route, capture.GetProperty("path").GetString());
        Assert.Equal(RouteTable[route].Kind, capture.GetProperty("kind").GetString());
        Assert.Equal("POST", capture.GetProperty("method").GetString());
        Assert.Equal((int)status, capture.GetProperty("status").GetInt32());

        var health = await Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        return capture;
    }
}
