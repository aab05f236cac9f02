using System.Diagnostics;
using System.Globalization;
using Beacon.MockServer.Testing;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// <c>BeaconMock.StartAsync</c> as a test process meets it: the first start in the process (cold: every type loaded
/// and compiled for the first time), then <c>rounds - 1</c> more (warm), each timed to its return (the port listens)
/// and to the first answer of <c>/healthz</c> through its client, and disposed before the next. Also prints the
/// assemblies the process holds after the first start, against those it held before it.
/// </summary>
public static class MockStart
{
    public static async Task<int> RunAsync(int rounds)
    {
        var before = AppDomain.CurrentDomain.GetAssemblies().Length;
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await using var mock = await BeaconMock.StartAsync();
            var started = clock.Elapsed.TotalMilliseconds;
            await mock.Client.GetHealthAsync();
            var answered = clock.Elapsed.TotalMilliseconds;
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(round == 0 ? "cold" : "warm")}: started {started:0.0} ms, first answer {answered:0.0} ms, assemblies {loaded} (before the first start {before})"));
        }
        return 0;
    }
}
