using System.Net;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>A wait that times out repeats its filters, says how many matched, and names what arrived meanwhile that did not, and why.</summary>
public sealed class WaitNearMissTests : HostedTest
{
    [Fact]
    public async Task ATimeout_NamesTheNearMisses_GroupedByWhatDiffers()
    {
        var store = App.Store();
        var wait = Client.GetAsync("/mock/captures/wait?kind=verify&namespace=t1&timeoutMs=500");
        await store.WhenWaitersAsync(n => n == 1);
        await Client.PostJsonAsync("/ns/t2/v1/beacon/verify", """{"license": "lcl_near_000000000000"}""");
        await Client.PostJsonAsync("/ns/t2/v1/beacon/verify", """{"license": "lcl_near_000000000000"}""");
        await Client.PostOtlpJsonAsync("/ns/t1/v1/v1/traces", """{"resourceSpans":[]}""");

        App.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var response = await wait.WaitAsync(Waiting.Bound);

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("Waited 500 ms for 1 capture matching kind=verify, namespace=t1; 0 matched. Meanwhile 3 captures arrived that did not match: "
            + "2 verify (POST /v1/beacon/verify) in namespace t2 with license lcl_…#" + Fingerprint("lcl_near_000000000000") + " (namespace differs); "
            + "1 unmatched (POST /v1/v1/traces) in namespace t1 (kind differs).", problem.GetProperty("detail").GetString());
        Assert.Equal(("verify", "t1"), (problem.GetProperty("filters").GetProperty("kind").GetString(), problem.GetProperty("filters").GetProperty("namespace").GetString()));
        Assert.Equal((1, 0), (problem.GetProperty("expected").GetInt32(), problem.GetProperty("matched").GetInt32()));
        var misses = problem.GetProperty("nearMisses").EnumerateArray().ToList();
        Assert.Equal([2, 1], misses.Select(m => m.GetProperty("count").GetInt32()));
        Assert.Equal(["namespace"], misses[0].GetProperty("differs").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("POST /v1/v1/traces", misses[1].GetProperty("path").GetString());
        Assert.DoesNotContain("lcl_near_000000000000", problem.GetRawText());
    }

    [Fact]
    public async Task ATimeoutWithNothingElse_SaysSo_InTheSingular()
    {
        var response = await Client.GetAsync("/mock/captures/wait?kind=auth&timeoutMs=0");

        Assert.Equal("Waited 0 ms for 1 capture matching kind=auth; 0 matched. Nothing else arrived meanwhile.",
            (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    private static string Fingerprint(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..8];
}
