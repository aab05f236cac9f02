using BenchmarkDotNet.Running;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher (<c>-- --filter '*'</c>), plus the modes bench/load.sh needs:
/// <c>protobuf-sample FILE</c>, <c>stored-bytes</c>, <c>wait-latency URL [ITERATIONS]</c>, <c>view-latency URL [ITERATIONS]</c>,
/// <c>pending-waits URL COUNT SECONDS</c>, <c>decode-bound MOCK_DIRECTORY PORT</c>, <c>pass-through-memory MOCK_DIRECTORY PORT</c>,
/// <c>mock-start [ROUNDS]</c>, <c>token-limit SECONDS</c> and <c>egress-memory [CAPTURES]</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["protobuf-sample", var file]:
                // The documented traces sample as protobuf, for bench/load.sh to post.
                await File.WriteAllBytesAsync(file, Samples.Protobuf(Samples.Traces));
                return 0;
            case ["stored-bytes"]:
                return StoredBytes.Run();
            case ["wait-latency", var url, ..]:
                return await WaitLatency.RunAsync(new Uri(url), args.Length > 2 ? Number(args[2]) : 200);
            case ["view-latency", var url, ..]:
                return await ViewLatency.RunAsync(new Uri(url), args.Length > 2 ? Number(args[2]) : 100);
            case ["pending-waits", var url, var count, var seconds]:
                return await PendingWaits.RunAsync(new Uri(url), Number(count), Number(seconds));
            case ["token-limit", var seconds]:
                return TokenLimit.Run(Number(seconds));
            case ["decode-bound", var directory, var port]:
                return await DecodeBound.RunAsync(directory, Number(port));
            case ["pass-through-memory", var directory, var port]:
                return await PassThroughMemory.RunAsync(directory, Number(port));
            case ["mock-start", ..]:
                return await MockStart.RunAsync(args.Length > 1 ? Number(args[1]) : 3);
            case ["egress-memory", ..]:
                return EgressMemory.Run(args.Length > 1 ? Number(args[1]) : 1_000_000);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                return 0;
        }
    }

    private static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
