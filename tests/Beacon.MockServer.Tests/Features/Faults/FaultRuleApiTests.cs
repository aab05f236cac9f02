using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary><c>/mock/faults</c>: rules are added, listed with their counters, and deleted one by one or all at once.</summary>
public sealed class FaultRuleApiTests : HostedTest
{
    [Fact]
    public async Task Add_AValidRule_Answers201WithTheRuleItsIdAndItsLocation()
    {
        var response = await Client.PostJsonAsync(FaultApi.Route, """
            {"match": {"kind": "verify", "license": "lcl_x", "namespace": "t1", "path": "/v1/beacon/verify"},
             "status": 503, "body": {"detail": "down for maintenance"}, "retryAfter": 7, "delayMs": 250,
             "times": 2, "probability": 1.0, "seed": 42}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/mock/faults/1", response.Headers.Location?.OriginalString);
        var rule = await response.ReadJsonAsync();
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse("""
            {"id": 1, "match": {"kind": "verify", "license": "lcl_x", "namespace": "t1", "path": "/v1/beacon/verify"},
             "status": 503, "body": {"detail": "down for maintenance"}, "retryAfter": 7, "delayMs": 250, "dropConnection": false,
             "partialSuccess": null, "times": 2, "probability": 1.0, "seed": 42, "configured": false,
             "fired": 0, "remaining": 2, "spent": false}
            """).RootElement, rule), rule.GetRawText());
    }

    [Theory]
    [InlineData("gzip", HttpStatusCode.Created)]
    [InlineData("br", HttpStatusCode.UnsupportedMediaType)]
    public async Task Add_ACompressedBody_IsReadLikeAWireBody(string coding, HttpStatusCode expected)
    {
        var body = Infrastructure.Otlp.Gzip("""{"status": 503, "times": 1}"""u8.ToArray());

        var response = await Client.PostAsync(FaultApi.Route, Infrastructure.Otlp.Content(body, "application/json", coding));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, (await Client.FaultsAsync()).Length);
    }

    [Fact]
    public async Task Add_AnActionAlone_MatchesAnyRequestWithoutLimit()
    {
        var rule = await Client.AddFaultAsync("""{"status": 503}""");

        Assert.Equal("""{"kind":null,"license":null,"namespace":null,"path":null}""", rule.GetProperty("match").GetRawText());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("times").ValueKind);
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("remaining").ValueKind);
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("seed").ValueKind);
    }

    [Fact]
    public async Task Add_AProbabilityWithoutASeed_ReportsTheSeedItChose()
    {
        var rule = await Client.AddFaultAsync("""{"status": 503, "probability": 0.5}""");

        Assert.Equal(JsonValueKind.Number, rule.GetProperty("seed").ValueKind);
    }

    [Fact]
    public async Task List_ShowsEveryRuleOldestFirst()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 503, "times": 3}""");
        await Client.AddFaultAsync("""{"match": {"kind": "traces"}, "status": 429}""");

        var rules = await Client.FaultsAsync();

        Assert.Equal([1L, 2L], rules.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal([0L, 0L], rules.Select(r => r.GetProperty("fired").GetInt64()));
        Assert.Equal(3, rules[0].GetProperty("remaining").GetInt64());
    }

    [Fact]
    public async Task Delete_OneRule_RemovesOnlyIt_AndItsIdIsNeverReused()
    {
        await Client.AddFaultAsync("""{"status": 503}""");
        await Client.AddFaultAsync("""{"status": 429}""");

        var response = await Client.DeleteAsync($"{FaultApi.Route}/1");
        var added = await Client.AddFaultAsync("""{"status": 500}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(3, added.GetProperty("id").GetInt64());
        Assert.Equal([2L, 3L], (await Client.FaultsAsync()).Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Delete_AnUnknownRule_Returns404Problem()
    {
        var response = await Client.DeleteAsync($"{FaultApi.Route}/41");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("41", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DeleteAll_RemovesEveryRule()
    {
        await Client.AddFaultAsync("""{"status": 503}""");
        await Client.AddFaultAsync("""{"match": {"namespace": "t1"}, "status": 429}""");

        var response = await Client.DeleteAsync(FaultApi.Route);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await Client.FaultsAsync());
    }

    [Fact]
    public async Task DeleteAll_WithANamespace_RemovesOnlyThatNamespacesRules()
    {
        await Client.AddFaultAsync("""{"match": {"namespace": "t1"}, "status": 503}""");
        await Client.AddFaultAsync("""{"match": {"namespace": "t2"}, "status": 503}""");

        await Client.DeleteAsync($"{FaultApi.Route}?namespace=t1");

        var left = Assert.Single(await Client.FaultsAsync());
        Assert.Equal("t2", left.GetProperty("match").GetProperty("namespace").GetString());
        Assert.Single(await Client.FaultsAsync("?namespace=t2"));
        Assert.Empty(await Client.FaultsAsync("?namespace=t1"));
    }
}
