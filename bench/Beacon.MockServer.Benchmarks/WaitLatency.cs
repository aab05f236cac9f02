using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// End to end against a running mock: a <c>GET /mock/captures/wait?kind=verify&amp;after=N</c> is pending
/// (the mock's <c>/healthz</c> counts it as a waiter), then a verify request arrives on another connection.
/// Measured: from sending that verify to the wait's full answer. Target: p99 at most 5 ms.
/// </summary>
public static class WaitLatency
{
    private const int Warmup = 20;
    private const int MaxPolls = 2000;

    public static async Task<int> RunAsync(Uri server, int iterations)
    {
        using var waiting = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        using var sending = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        var verify = Encoding.UTF8.GetBytes(DocumentedSamples.Read("verify-request"));
        var answered = new List<double>(iterations);
        var verified = new List<double>(iterations);

        for (var i = 0; i < Warmup + iterations; i++)
        {
            var (last, waiters) = await HealthAsync(sending);
            var wait = waiting.GetAsync($"/mock/captures/wait?kind=verify&after={last}&limit=1&timeoutMs=10000");
            var polls = 0;
            while ((await HealthAsync(sending)).Waiters <= waiters)
            {
                if (++polls == MaxPolls)
                    throw new InvalidOperationException($"The wait after {last} never registered ({MaxPolls} polls of /healthz).");
            }

            var clock = Stopwatch.StartNew();
            using var content = new ByteArrayContent(verify) { Headers = { ContentType = new("application/json") } };
            var send = TimedAsync(sending.PostAsync("/v1/beacon/verify", content), clock);
            var (answer, waitMs) = await TimedAsync(wait, clock);
            var (sent, sendMs) = await send;
            using (answer)
            using (sent)
            {
                if (!answer.IsSuccessStatusCode || !sent.IsSuccessStatusCode)
                    throw new InvalidOperationException($"The wait answered {(int)answer.StatusCode}, the verify {(int)sent.StatusCode}.");
            }
            if (i < Warmup)
                continue;
            answered.Add(waitMs);
            verified.Add(sendMs);
        }

        Console.WriteLine($"wait answered after the arrival, over {iterations} (after {Warmup} warm-up): "
            + $"p50 {Percentile(answered, 50):0.000} ms, p99 {Percentile(answered, 99):0.000} ms, max {answered.Max():0.000} ms");
        Console.WriteLine($"verify answered (for comparison): p50 {Percentile(verified, 50):0.000} ms, p99 {Percentile(verified, 99):0.000} ms");
        return 0;
    }

    /// <summary>The response, read whole, and when it was (on <paramref name="clock"/>), each request timed on its own.</summary>
    private static async Task<(HttpResponseMessage Response, double Milliseconds)> TimedAsync(Task<HttpResponseMessage> request, Stopwatch clock)
    {
        var response = await request;
        await response.Content.LoadIntoBufferAsync();
        return (response, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>What the mock's <c>/healthz</c> says of its store: the newest sequence, and how many waits are pending.</summary>
    internal static async Task<(long LastSequence, int Waiters)> HealthAsync(HttpClient client)
    {
        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");
        var store = health.GetProperty("store");
        return (store.GetProperty("lastSequence").GetInt64(), store.GetProperty("waiters").GetInt32());
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
