using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>The OpenAPI document lists every fault route with every outcome, and the rule's request schema.</summary>
public sealed class FaultOpenApiTests : HostedTest
{
    [Theory]
    [InlineData("/mock/faults", "post", new[] { "201", "400", "401", "409", "413", "415" })]
    [InlineData("/mock/faults", "get", new[] { "200", "400", "401" })]
    [InlineData("/mock/faults", "delete", new[] { "204", "400", "401" })]
    [InlineData("/mock/faults/{id}", "delete", new[] { "204", "400", "401", "404" })]
    public async Task Document_DeclaresEveryOutcome(string path, string method, string[] statuses)
    {
        var document = await App.CreateBeaconClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.Equal(statuses, operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        Assert.Equal(["Mock"], operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Document_DescribesTheRuleAsJson()
    {
        var document = await App.CreateBeaconClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var body = document.GetProperty("paths").GetProperty("/mock/faults").GetProperty("post").GetProperty("requestBody");
        var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var reference = schema.GetProperty("$ref").GetString()!.Split('/')[^1];
        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty(reference).GetProperty("properties");
        Assert.Equal(
            ["body", "delayMs", "dropConnection", "match", "partialSuccess", "probability", "retryAfter", "seed", "status", "times"],
            properties.EnumerateObject().Select(p => p.Name).Order());
    }
}
