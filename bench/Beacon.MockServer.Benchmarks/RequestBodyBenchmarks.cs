using BenchmarkDotNet.Attributes;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// The capture middleware's first step on every wire request: <see cref="RequestBody.ReadAsync"/> reading the
/// documented traces sample (2,079 bytes, its length declared) whole into memory.
/// </summary>
[MemoryDiagnoser]
public class RequestBodyBenchmarks
{
    private readonly DefaultHttpContext _context = new();
    private MemoryStream _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = Samples.Json(Samples.Traces);
        _body = new MemoryStream(body, writable: false);
        _context.Request.Body = _body;
        _context.Request.ContentLength = body.Length;
    }

    [Benchmark]
    public async Task<long> Read()
    {
        _body.Position = 0;
        return (await RequestBody.ReadAsync(_context.Request, 16 * 1024 * 1024, CancellationToken.None)).BytesSeen;
    }
}
