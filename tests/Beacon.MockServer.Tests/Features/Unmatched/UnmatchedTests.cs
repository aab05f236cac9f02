using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Unmatched;

/// <summary>
/// A request to a path no route serves is a capture of kind unmatched, answered with a 404 naming the nearest routes
/// (a 405 naming the method, for a known path), and a kind like any other: filtered, waited for, faulted, counted.
/// </summary>
public sealed class UnmatchedTests : HostedTest
{
    private const string OtlpTraces = """{"resourceSpans":[]}""";

    [Fact]
    public async Task APathNoRouteServes_IsCaptured_AndAnswered404NamingTheNearestRoute()
    {
        var response = await Client.PostOtlpJsonAsync("/v1/v1/traces", OtlpTraces);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("No Beacon route answers POST /v1/v1/traces; did you mean POST /v1/beacon/v1/traces?", detail);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT takes the base (/v1/beacon)", detail);
        Assert.Equal(["POST /v1/beacon/v1/traces"], problem.GetProperty("nearest").EnumerateArray().Select(n => n.GetString()));

        var capture = Assert.Single(await Client.CapturesAsync("?kind=unmatched"));
        Assert.Equal(("POST", "/v1/v1/traces", 404), (capture.GetProperty("method").GetString(), capture.GetProperty("path").GetString(), capture.GetProperty("status").GetInt32()));
        Assert.Equal(JsonValueKind.Array, capture.GetProperty("payload").GetProperty("resourceSpans").ValueKind);
        Assert.Equal("application/json", capture.GetProperty("headers").GetProperty("Content-Type").GetString());
        // The route's own finding first; the egress audit's (an undocumented endpoint) after it.
        var findings = capture.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(("URL", $"Answered 404: {detail}"), (findings[0].GetProperty("path").GetString(), findings[0].GetProperty("message").GetString()));
        Assert.Equal(2, findings.Count);
        Assert.StartsWith(RouteFindings.EgressPrefix + "documented-endpoints", findings[1].GetProperty("message").GetString());
        Assert.Equal(1, (await Client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store").GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task TheBaseEndpointGivenInCode_IsNamedForWhatItIs_AnOtlpExportSentToTheBase()
    {
        var response = await Client.PostAsync("/v1/beacon", Infrastructure.Otlp.Content([1, 2, 3], Infrastructure.Otlp.Protobuf));

        var detail = (await response.ReadProblemAsync()).GetProperty("detail").GetString()!;
        Assert.Contains("did you mean POST /v1/beacon/v1/", detail);
        Assert.Contains("give it the whole path (/v1/beacon/v1/traces, /v1/metrics or /v1/logs)", detail);
    }

    [Fact]
    public async Task AKnownPathWithAnotherMethod_Is405NamingTheMethod_AndCapturedAsUnmatched()
    {
        var response = await Client.GetAsync("/v1/beacon/verify");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("GET is not a method /v1/beacon/verify answers: Beacon takes POST there.", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
        var capture = Assert.Single(await Client.CapturesAsync("?kind=unmatched"));
        Assert.Equal(405, capture.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UnderANamespace_TheCaptureCarriesIt_AndTheAnswerNamesThePrefixedRoutes()
    {
        var response = await Client.PostOtlpJsonAsync("/ns/t1/v1/v1/traces", OtlpTraces);

        Assert.Contains("did you mean POST /ns/t1/v1/beacon/v1/traces?", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
        var capture = Assert.Single(await Client.CapturesAsync("?kind=unmatched&namespace=t1"));
        Assert.Equal("/v1/v1/traces", capture.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Unmatched_IsAKindLikeAnyOther_WaitedFor_AndFaulted()
    {
        var wait = Client.GetAsync("/mock/captures/wait?kind=unmatched&timeoutMs=30000");
        await App.Store().WhenWaitersAsync(n => n == 1);
        await Client.PutAsync("/v2/whatever", null);
        var waited = await (await wait.WaitAsync(Waiting.Bound)).ReadJsonAsync();
        Assert.Equal("/v2/whatever", waited.GetProperty("items")[0].GetProperty("path").GetString());

        await Client.AddFaultAsync("""{"match": {"kind": "unmatched"}, "status": 503, "times": 1}""");
        var faulted = await Client.PostJsonAsync("/v1/beacon/unknown", "{}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(1L, (await Client.LastCaptureAsync()).FaultId());
    }

    [Theory]
    [InlineData("GET", "/mock/capture", 404)]
    [InlineData("POST", "/healthz", 405)]
    [InlineData("GET", "/openapi/v1.yaml", 404)]
    [InlineData("POST", "/", 405)]
    [InlineData("GET", "/inspector/nothing.js", 404)]
    public async Task TheMocksOwnPaths_AreNeverCaptured_ButAnsweredAsProblems(string method, string path, int status)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        await response.ReadProblemAsync();
        Assert.Empty(await Client.CapturesAsync());
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsUnmatched_AmongTheKinds()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var kinds = document.GetProperty("components").GetProperty("schemas").GetProperty("Capture").GetProperty("properties").GetProperty("kind").GetProperty("enum");
        Assert.Contains("unmatched", kinds.EnumerateArray().Select(k => k.GetString()));
    }
}
