using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.OpenApi;

/// <summary>The OpenAPI document lists every route, with the documented samples as examples, and Swagger UI serves it.</summary>
public sealed class OpenApiTests : HostedTest
{
    [Theory]
    [InlineData("/v1/beacon/verify", "post")]
    [InlineData("/v1/beacon/ingest-traces", "post")]
    [InlineData("/v1/beacon/usage-snapshot", "post")]
    [InlineData("/v1/beacon/metadata/submit", "post")]
    [InlineData("/v1/metadata/submit", "post")]
    [InlineData("/auth", "get")]
    [InlineData("/auth", "post")]
    [InlineData("/.well-known/jwks.json", "get")]
    [InlineData("/mock/captures", "get")]
    [InlineData("/mock/captures", "delete")]
    [InlineData("/mock/captures/{sequence}", "get")]
    [InlineData("/mock/billing/transactions", "get")]
    [InlineData("/mock/licenses", "get")]
    [InlineData("/v1/beacon/v1/traces", "post")]
    [InlineData("/v1/beacon/v1/metrics", "post")]
    [InlineData("/v1/beacon/v1/logs", "post")]
    [InlineData("/mock/otlp/spans", "get")]
    [InlineData("/mock/otlp/metrics", "get")]
    [InlineData("/mock/otlp/logs", "get")]
    [InlineData("/healthz", "get")]
    public async Task Document_ListsTheRoute(string path, string method)
    {
        var document = await App.CreateBeaconClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").GetProperty(path).TryGetProperty(method, out _));
    }

    [Theory]
    [InlineData("/v1/beacon/verify", "verify-request")]
    [InlineData("/v1/beacon/ingest-traces", "ingest-traces-request")]
    [InlineData("/v1/beacon/usage-snapshot", "usage-snapshot-request")]
    [InlineData("/v1/beacon/v1/traces", "otlp-traces-request")]
    [InlineData("/v1/beacon/v1/metrics", "otlp-metrics-request")]
    [InlineData("/v1/beacon/v1/logs", "otlp-logs-request")]
    public async Task Document_UsesTheDocumentedSampleAsTheExample(string path, string sample)
    {
        var document = await App.CreateBeaconClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var media = document.GetProperty("paths").GetProperty(path).GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Wire.Sample(sample)).RootElement, media.GetProperty("example")));
        Assert.True(media.TryGetProperty("schema", out _));
    }

    [Theory]
    [InlineData("/v1/beacon/verify", "post", new[] { "200", "400", "403", "413", "415" })]
    [InlineData("/v1/metadata/submit", "post", new[] { "204", "400", "403", "413", "415" })]
    [InlineData("/auth", "get", new[] { "200", "401", "403" })]
    [InlineData("/v1/beacon/v1/traces", "post", new[] { "200", "400", "401", "403", "413", "415" })]
    [InlineData("/mock/otlp/logs", "get", new[] { "200", "400", "401" })]
    [InlineData("/mock/captures/{sequence}", "get", new[] { "200", "400", "401", "404" })]
    [InlineData("/mock/captures/export", "get", new[] { "200", "400", "401" })]
    [InlineData("/mock/info", "get", new[] { "200", "400", "401" })]
    public async Task Document_DeclaresEveryOutcome(string path, string method, string[] statuses)
    {
        var document = await App.CreateBeaconClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.Equal(statuses, responses.EnumerateObject().Select(r => r.Name).Order());
    }

    [Theory]
    [InlineData("/v1/beacon/v1/traces")]
    [InlineData("/v1/beacon/v1/logs")]
    public async Task Document_OtlpRoutesTakeProtobufAsWellAsJson(string path)
    {
        var document = await App.CreateBeaconClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var content = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Equal("binary", content.GetProperty("application/x-protobuf").GetProperty("schema").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Document_QueryParametersAreLowerCaseIntegersWhereNumeric()
    {
        var document = await App.CreateBeaconClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var parameters = document.GetProperty("paths").GetProperty("/mock/captures").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        Assert.Equal(["after", "kind", "license", "limit", "namespace", "order"], parameters.Keys.Order());
        Assert.Equal("integer", parameters["limit"].GetProperty("type").GetString());
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await App.CreateBeaconClient().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
