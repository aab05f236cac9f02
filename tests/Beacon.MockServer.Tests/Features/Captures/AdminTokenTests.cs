using System.Net;
using System.Net.Http.Headers;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>With Beacon:Admin:Token set, every /mock route asks for it; the wire routes and the health check never do.</summary>
public sealed class AdminTokenTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:Admin:Token"] = Token })
{
    private const string Token = "s3cret-admin-token";

    /// <summary>Every /mock route the app maps.</summary>
    private IEnumerable<(string Method, string Path)> MockRoutes() =>
        App.Routes().Where(r => r.Path.StartsWith("/mock", StringComparison.Ordinal));

    [Fact]
    public async Task EveryMockRoute_WithoutTheToken_Answers401Problem_AndDoesNothing()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");
        var routes = MockRoutes().ToList();
        Assert.Contains(("POST", "/mock/reset"), routes);
        Assert.Contains(("GET", "/mock/captures/stream"), routes);

        foreach (var (method, path) in routes)
        {
            var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Wire.Json("{}") });

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("Admin token required.", (await response.ReadProblemAsync()).GetProperty("title").GetString());
        }
        // DELETE and reset were refused, so the capture is still there.
        Assert.Single(await AuthorizedClient().CapturesAsync());
    }

    [Theory]
    [InlineData("Bearer wrong-token-entirely")]
    [InlineData("Bearer s3cret-admin-toke")]
    [InlineData("Basic czNjcmV0LWFkbWluLXRva2Vu")]
    [InlineData(Token)]
    public async Task MockRoute_WithAWrongToken_Answers401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mock/captures");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/MOCK/captures")]
    [InlineData("/Mock/Captures/export")]
    [InlineData("/ns/t1/mock/captures")]
    public async Task MockRoute_UnderAnotherSpelling_IsStillLocked(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MockRoutes_WithTheToken_Answer()
    {
        var client = AuthorizedClient();
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");

        Assert.Single(await client.CapturesAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mock/captures/wait?count=1&timeoutMs=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/mock/reset", null)).StatusCode);
    }

    [Fact]
    public async Task WireRoutesAndHealth_NeverAskForTheToken()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonAsync("/ns/t1/v1/beacon/verify", """{"license":"lic-1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, Wire.Sample("otlp-traces-request"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/.well-known/jwks.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresTheTokenOnMockRoutesOnly_SoSwaggerUiCanSendIt()
    {
        var document = await (await Client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("adminToken");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/mock/captures").GetProperty("get").TryGetProperty("security", out var security));
        Assert.True(security[0].TryGetProperty("adminToken", out _));
        Assert.False(paths.GetProperty("/v1/beacon/verify").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task WithoutATokenConfigured_MockRoutesAreOpen()
    {
        using var app = new BeaconApplication();

        Assert.Equal(HttpStatusCode.OK, (await app.CreateBeaconClient().GetAsync("/mock/captures")).StatusCode);
    }

    private HttpClient AuthorizedClient()
    {
        var client = App.CreateBeaconClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }
}
