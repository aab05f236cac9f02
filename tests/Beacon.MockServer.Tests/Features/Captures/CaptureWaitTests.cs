using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>
/// <c>GET /mock/captures/wait</c>: answers as soon as enough matching captures exist, woken by the arrival
/// itself. The fake clock only moves when a test moves it, so a wait that answers while it stands still
/// was woken by the arrival, not by a timer or a poll.
/// </summary>
public sealed class CaptureWaitTests(ITestOutputHelper output) : HostedTest(new Dictionary<string, string?> { ["Beacon:Waits:MaxTimeoutMs"] = "120000" })
{
    [Fact]
    public async Task Wait_SatisfiedByAnArrival_AnswersAtOnceWithoutTheClockMoving()
    {
        var client = App.CreateBeaconClient();
        var store = App.Store();
        // Warm the path first, so the figure is the wake-up, not the first request's start-up.
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-warm-up"}""");
        await client.GetAsync("/mock/captures/wait?license=lic-warm-up&timeoutMs=0");
        var wait = client.GetAsync("/mock/captures/wait?license=lic-wait&count=1&timeoutMs=60000");
        await store.WhenWaitersAsync(n => n == 1);
        var clockBefore = App.Clock.GetUtcNow();

        var stopwatch = Stopwatch.StartNew();
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-wait"}""");
        var response = await wait.WaitAsync(Waiting.Bound);
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = Assert.Single(await ItemsAsync(response));
        Assert.Equal(("verify", "lic-wait"), (capture.GetProperty("kind").GetString(), capture.GetProperty("license").GetString()));
        Assert.Equal(clockBefore, App.Clock.GetUtcNow());
        Assert.Equal(0, store.Stats.Waiters);
        output.WriteLine($"arrival to answer, including the arriving request itself: {stopwatch.Elapsed.TotalMilliseconds:0.0} ms");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"the wait answered {stopwatch.Elapsed} after the arrival");
    }

    [Fact]
    public async Task Wait_ByDefault_AnswersOnceTheCaptureIsFinished_WithItsStatusAndDetails()
    {
        var client = App.CreateBeaconClient();
        await client.PostJsonAsync("/mock/faults", """{"match": {"kind": "verify"}, "delayMs": 30000, "times": 1}""");
        var delaying = new TaskCompletionSource();
        App.Services.GetRequiredService<Beacon.MockServer.Features.Faults.FaultHook>().Delaying += _ => delaying.TrySetResult();
        var wait = client.GetAsync("/mock/captures/wait?kind=verify&count=1&timeoutMs=120000");
        var arrival = client.GetAsync("/mock/captures/wait?kind=verify&count=1&timeoutMs=120000&stage=received");

        var verify = client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-finished"}""");
        await delaying.Task.WaitAsync(Waiting.Bound);
        var received = Assert.Single(await ItemsAsync(await arrival.WaitAsync(Waiting.Bound)));
        Assert.False(wait.IsCompleted);
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        await verify.WaitAsync(Waiting.Bound);
        var finished = Assert.Single(await ItemsAsync(await wait.WaitAsync(Waiting.Bound)));

        Assert.Equal(JsonValueKind.Null, received.GetProperty("status").ValueKind);
        Assert.Equal(200, finished.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.String, finished.GetProperty("details").GetProperty("tokenId").ValueKind);
    }

    [Theory]
    [InlineData("stage=arrived")]
    [InlineData("stage=RECEIVED")]
    public async Task Wait_WithAnUnknownStage_Answers400NamingIt(string query)
    {
        var response = await App.CreateBeaconClient().GetAsync($"/mock/captures/wait?{query}&timeoutMs=0");

        Assert.Equal(["stage"], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task Wait_AlreadySatisfied_AnswersAtOnceWithTheMatches()
    {
        var client = App.CreateBeaconClient();
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-2"}""");

        var response = await client.GetAsync("/mock/captures/wait?kind=verify&count=2&timeoutMs=0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["lic-1", "lic-2"], (await ItemsAsync(response)).Select(c => c.GetProperty("license").GetString()));
    }

    [Fact]
    public async Task Wait_CountsOnlyMatchesAfterTheGivenSequence_AndAcrossSeveralArrivals()
    {
        var client = App.CreateBeaconClient();
        var store = App.Store();
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-old"}""");
        var wait = client.GetAsync("/mock/captures/wait?license=lic-new&after=1&count=3&timeoutMs=60000");

        for (var i = 0; i < 3; i++)
        {
            await store.WhenWaitersAsync(n => n == 1);
            Assert.False(wait.IsCompleted, $"the wait answered after {i} of 3 matching arrivals");
            await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-other"}""");
            await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-new"}""");
        }
        var response = await wait.WaitAsync(Waiting.Bound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([3L, 5, 7], (await ItemsAsync(response)).Select(c => c.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Wait_TimesOut_With408NamingHowManyMatched()
    {
        var client = App.CreateBeaconClient();
        var store = App.Store();
        var wait = client.GetAsync("/mock/captures/wait?kind=verify&count=3&timeoutMs=5000");
        await store.WhenWaitersAsync(n => n == 1);
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");
        await store.WhenWaitersAsync(n => n == 1);

        App.Clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(wait.IsCompleted, "the wait timed out before its timeout");
        App.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var response = await wait.WaitAsync(Waiting.Bound);

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("Waited 5000 ms for 3 captures matching kind=verify; 1 matched. Nothing else arrived meanwhile.", problem.GetProperty("detail").GetString());
        Assert.Equal((3, 1), (problem.GetProperty("expected").GetInt32(), problem.GetProperty("matched").GetInt32()));
    }

    [Fact]
    public async Task Wait_ClientThatGoesAway_IsReleased()
    {
        var client = App.CreateBeaconClient();
        var store = App.Store();
        using var cancel = new CancellationTokenSource();
        var wait = client.GetAsync("/mock/captures/wait?count=1&timeoutMs=60000", cancel.Token);
        await store.WhenWaitersAsync(n => n == 1);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        await store.WhenWaitersAsync(n => n == 0);
        Assert.Equal(0, store.Stats.Waiters);
        // The server still answers, and a later wait still works.
        await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-after"}""");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mock/captures/wait?count=1&timeoutMs=0")).StatusCode);
    }

    [Fact]
    public async Task Wait_AnswersEveryMatchUpToTheLimit_NotOnlyTheCount()
    {
        var client = App.CreateBeaconClient();
        for (var i = 0; i < 5; i++)
            await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"lic-{{i}}"}""");

        var response = await client.GetAsync("/mock/captures/wait?count=2&limit=4&timeoutMs=0");

        var list = await response.ReadJsonAsync();
        Assert.Equal(4, list.GetProperty("items").GetArrayLength());
        Assert.Equal(5, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("count=0", "count")]
    [InlineData("count=1001", "count")]
    [InlineData("timeoutMs=-1", "timeoutMs")]
    [InlineData("timeoutMs=120001", "timeoutMs")]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    public async Task Wait_WithABadParameter_Answers400NamingIt(string query, string field)
    {
        var response = await App.CreateBeaconClient().GetAsync($"/mock/captures/wait?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task Wait_WithoutATimeout_UsesTheConfiguredDefault()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Waits:DefaultTimeoutMs"] = "250" });
        var client = app.CreateBeaconClient();
        var wait = client.GetAsync("/mock/captures/wait?count=1");
        await app.Store().WhenWaitersAsync(n => n == 1);

        app.Clock.Advance(TimeSpan.FromMilliseconds(250));

        var response = await wait.WaitAsync(Waiting.Bound);
        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        Assert.StartsWith("Waited 250 ms", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    private static async Task<JsonElement[]> ItemsAsync(HttpResponseMessage response) =>
        [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
}
