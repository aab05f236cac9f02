using BenchmarkDotNet.Running;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher (<c>-- --filter '*'</c>), plus the modes bench/load.sh needs:
/// <c>protobuf-sample FILE</c>, <c>stored-bytes</c> and <c>wait-latency URL [ITERATIONS]</c>.
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
                return await WaitLatency.RunAsync(new Uri(url), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                return 0;
        }
    }
}
