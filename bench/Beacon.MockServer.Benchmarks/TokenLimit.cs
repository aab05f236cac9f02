using System.Diagnostics;
using Beacon.MockServer.Features.Tokens;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// The machine's RS256 limit, measured in the run that compares verify against it: tokens issued (as verify
/// issues them) per second on every core at once, with nothing else running. Verify cannot answer faster.
/// </summary>
public static class TokenLimit
{
    public static int Run(int seconds)
    {
        var options = Options.Create(new TokenOptions());
        var issuer = new TokenIssuer(new SigningKeys(options), options, TimeProvider.System);
        issuer.Issue("license-bench", null, null, null);

        var issued = 0L;
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ =>
        {
            var mine = 0L;
            while (clock.Elapsed < limit)
            {
                issuer.Issue("license-bench", null, null, null);
                mine++;
            }
            Interlocked.Add(ref issued, mine);
        });
        Console.WriteLine($"RS256 tokens issued on {Environment.ProcessorCount} cores: {issued / clock.Elapsed.TotalSeconds:0} per second");
        return 0;
    }
}
