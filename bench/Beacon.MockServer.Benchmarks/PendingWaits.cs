namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// Holds N waits open on a running mock, each for a license no request carries, so bench/load.sh can load the mock
/// with and without them (target: at least 0.8x the throughput without). Prints when the mock counts them all as
/// waiters, then holds them for the seconds given and lets them go.
/// </summary>
public static class PendingWaits
{
    private const int MaxPolls = 5000;

    public static async Task<int> RunAsync(Uri server, int count, int seconds)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = count + 1 };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(seconds + 60) };
        using var release = new CancellationTokenSource();
        var (_, before) = await WaitLatency.HealthAsync(http);
        var waits = Enumerable.Range(0, count)
            .Select(i => http.GetAsync($"/mock/captures/wait?license=lcl_waiting_{i}&timeoutMs=300000", release.Token))
            .ToList();
        for (var polls = 0; (await WaitLatency.HealthAsync(http)).Waiters < before + count; polls++)
        {
            if (polls == MaxPolls)
                throw new InvalidOperationException($"The mock never counted {count} waiters ({MaxPolls} polls of /healthz).");
        }
        Console.WriteLine($"{count} waits pending");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        await release.CancelAsync();
        foreach (var wait in waits)
        {
            try { (await wait).Dispose(); }
            catch (OperationCanceledException) { }
        }
        return 0;
    }
}
