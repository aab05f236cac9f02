using System.Net;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>How often a rule fires: exactly n times however many requests race for it; with a probability, a repeatable sequence per seed.</summary>
public sealed class FaultFrequencyTests : HostedTest
{
    private const int Requests = 200;

    [Fact]
    public async Task ARuleForNRequests_FiresExactlyNTimes_UnderConcurrency()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 503, "times": 5}""");

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Client.VerifyAsync($"lcl_concurrent_{i}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(59, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var rule = await Client.FaultAsync(1);
        Assert.Equal((5L, 0L), (rule.GetProperty("fired").GetInt64(), rule.GetProperty("remaining").GetInt64()));
        var captures = await Client.CapturesAsync("?limit=1000");
        Assert.Equal(64, captures.Length);
        Assert.Equal(5, captures.Count(c => c.FaultId() == 1 && c.GetProperty("status").GetInt32() == 503));
    }

    [Fact]
    public async Task AProbabilityWithASeed_GivesTheSameSequenceInEveryRun_ThatOfRandomWithThatSeed()
    {
        const string Rule = """{"match": {"kind": "verify"}, "status": 503, "probability": 0.3, "seed": 42}""";
        using var other = new BeaconApplication();

        var first = await FaultedSequenceAsync(Client, Rule);
        var second = await FaultedSequenceAsync(other.CreateBeaconClient(), Rule);

        Assert.Equal(first, second);
        var random = new Random(42);
        Assert.Equal(Enumerable.Range(0, Requests).Select(_ => random.NextDouble() < 0.3), first);
        Assert.InRange(first.Count(faulted => faulted), Requests * 0.2, Requests * 0.4);
    }

    [Fact]
    public async Task AProbabilityWithoutASeed_CanBeRepeatedWithTheSeedTheRuleReports()
    {
        var first = await FaultedSequenceAsync(Client, """{"status": 503, "probability": 0.5}""");
        var seed = (await Client.FaultAsync(1)).GetProperty("seed").GetInt32();
        using var other = new BeaconApplication();

        var again = await FaultedSequenceAsync(other.CreateBeaconClient(), $$"""{"status": 503, "probability": 0.5, "seed": {{seed}}}""");

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task AProbabilityWithTimes_StopsAfterNFirings()
    {
        var faulted = await FaultedSequenceAsync(Client, """{"status": 503, "probability": 0.5, "seed": 7, "times": 3}""");

        Assert.Equal(3, faulted.Count(f => f));
        Assert.True((await Client.FaultAsync(1)).GetProperty("spent").GetBoolean());
    }

    /// <summary>Adds the rule, then sends requests one after another: which of them the rule answered.</summary>
    private static async Task<bool[]> FaultedSequenceAsync(HttpClient client, string rule)
    {
        await client.AddFaultAsync(rule);
        var faulted = new bool[Requests];
        for (var i = 0; i < Requests; i++)
            faulted[i] = (await client.VerifyAsync()).StatusCode == HttpStatusCode.ServiceUnavailable;
        return faulted;
    }
}
