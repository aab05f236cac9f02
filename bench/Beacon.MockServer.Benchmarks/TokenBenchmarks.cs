using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Features.Tokens;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// What verify spends on its answer: one JWT issued and signed, RS256 (the default, a 2048-bit RSA private-key
/// operation) or HS256. Sets the ceiling on verify's throughput, whatever the rest of the pipeline costs.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private TokenIssuer _issuer = null!;

    [Params("RS256", "HS256")]
    public string Algorithm { get; set; } = "RS256";

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new TokenOptions { Algorithm = Algorithm, HmacSecret = "a shared secret of at least thirty-two bytes" });
        _issuer = new TokenIssuer(new SigningKeys(options), options, TimeProvider.System);
        Issue();
    }

    [Benchmark]
    public string Issue() => _issuer.Issue("license-bench", null, null, null).Token;
}
