using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary><c>GET /mock/info</c> answers what the server registered, so a client (the inspector) keeps no copy of its own.</summary>
public sealed class InfoEndpointTests : HostedTest
{
    [Fact]
    public async Task Info_ListsEveryCaptureKind_AndEveryHeaderACaptureKeeps()
    {
        var info = await Client.GetFromJsonAsync<JsonElement>("/mock/info");

        var kinds = info.GetProperty("kinds").EnumerateArray().ToList();
        Assert.Equal(["verify", "ingest-traces", "usage-snapshot", "metadata", "auth", "traces", "metrics", "logs", "unmatched"],
            kinds.Select(k => k.GetProperty("name").GetString()).Order(new KindOrder()));
        Assert.Equal(["traces", "metrics", "logs"],
            kinds.Where(k => k.GetProperty("answersPartialSuccess").GetBoolean()).Select(k => k.GetProperty("name").GetString()));
        Assert.Equal("IngestTraces", kinds.Single(k => k.GetProperty("name").GetString() == "ingest-traces").GetProperty("title").GetString());
        Assert.Equal(["Content-Type", "Content-Encoding", "User-Agent", "X-Langchain-License-Key", "X-Api-Key", "X-Data-Plane-Auth"],
            info.GetProperty("capturedHeaders").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task Info_NamesTheSameHeaders_ACaptureKeeps()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beacon/v1/logs") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Langchain-License-Key", "lcl_info");
        request.Headers.Add("X-Data-Plane-Auth", "token");
        request.Headers.Add("X-Not-Kept", "x");
        await Client.SendAsync(request);

        var info = await Client.GetFromJsonAsync<JsonElement>("/mock/info");
        var kept = (await Client.CapturesAsync()).Single().GetProperty("headers").EnumerateObject().Select(h => h.Name).ToList();

        var named = info.GetProperty("capturedHeaders").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.All(kept, header => Assert.Contains(header, named, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain("X-Not-Kept", kept);
    }

    /// <summary>The order the README lists the kinds in, so the test does not depend on the order features register.</summary>
    private sealed class KindOrder : IComparer<string?>
    {
        private static readonly string[] Order = ["verify", "ingest-traces", "usage-snapshot", "metadata", "auth", "traces", "metrics", "logs", "unmatched"];

        public int Compare(string? x, string? y) => Array.IndexOf(Order, x).CompareTo(Array.IndexOf(Order, y));
    }
}
