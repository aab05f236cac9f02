using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// Against a running mock whose store is full of traces captures (as bench/load.sh leaves it after the OTLP
/// loads): how long <c>GET /mock/otlp/spans</c> takes over the whole store (target: under 50 ms), and whether
/// <c>/healthz</c> answers as fast while eight clients run span queries back to back (target: unaffected).
/// </summary>
public static class ViewLatency
{
    private const int Warmup = 10;
    private const int Readers = 8;

    private static readonly string[] Views =
    [
        "/mock/otlp/spans",
        "/mock/otlp/spans?order=desc",
        "/mock/otlp/spans?name=process_request&limit=1000",
        "/mock/otlp/spans?traceId=5B8EFFF798038103D269B633813FC60C",
    ];

    public static async Task<int> RunAsync(Uri server, int iterations)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        var store = (await http.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store");
        var spans = (await http.GetFromJsonAsync<JsonElement>("/mock/otlp/spans?limit=1")).GetProperty("total").GetInt32();
        Console.WriteLine($"store: {store.GetProperty("count").GetInt32()} captures, {spans} spans");

        foreach (var view in Views)
        {
            var times = await TimeAsync(http, view, iterations);
            Console.WriteLine($"{view}: p50 {WaitLatency.Percentile(times, 50):0.00} ms, p99 {WaitLatency.Percentile(times, 99):0.00} ms, max {times.Max():0.00} ms");
        }

        var idle = await TimeAsync(http, "/healthz", iterations);
        using var stop = new CancellationTokenSource();
        var queries = 0L;
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            using var reader = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
            while (!stop.IsCancellationRequested)
            {
                using var response = await reader.GetAsync(Views[0], HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref queries);
            }
        })).ToArray();
        var clock = Stopwatch.StartNew();
        var busy = await TimeAsync(http, "/healthz", iterations);
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Console.WriteLine($"/healthz idle: p50 {WaitLatency.Percentile(idle, 50):0.00} ms, p99 {WaitLatency.Percentile(idle, 99):0.00} ms");
        Console.WriteLine($"/healthz beside {Readers} span readers ({queries / seconds:0} span queries/s): "
            + $"p50 {WaitLatency.Percentile(busy, 50):0.00} ms, p99 {WaitLatency.Percentile(busy, 99):0.00} ms");
        return 0;
    }

    private static async Task<List<double>> TimeAsync(HttpClient http, string path, int iterations)
    {
        var times = new List<double>(iterations);
        for (var i = 0; i < Warmup + iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            if (i >= Warmup)
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }
}
