using System.Net;
using System.Text;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// Seeded garbage on the OTLP routes: random bytes, and valid exports with bytes flipped, cut short or
/// spliced, in both encodings. Whatever arrives, the answer is a 2xx or a 4xx with a Status, never a 5xx,
/// and every request is captured. The seed is in the case name, so a failure can be replayed.
/// </summary>
public sealed class OtlpGarbageTests : HostedTest
{
    private const int CasesPerSeed = 150;

    public static TheoryData<int, string> Seeds => new()
    {
        { 1, Infrastructure.Otlp.Protobuf },
        { 2, Infrastructure.Otlp.Protobuf },
        { 3, Infrastructure.Otlp.Json },
        { 4, Infrastructure.Otlp.Json },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task MutatedExports_NeverGetA5xx_AndAreAllCaptured(int seed, string contentType)
    {
        var random = new Random(seed);
        (string Path, byte[] Valid)[] exports = contentType == Infrastructure.Otlp.Protobuf
            ? [(Infrastructure.Otlp.Traces, OtlpMessages.Traces().ToByteArray()), (Infrastructure.Otlp.Metrics, OtlpMessages.Metrics().ToByteArray()), (Infrastructure.Otlp.Logs, OtlpMessages.Logs().ToByteArray())]
            : [(Infrastructure.Otlp.Traces, Utf8(Wire.Sample("otlp-traces-request"))), (Infrastructure.Otlp.Metrics, Utf8(Wire.Sample("otlp-metrics-request"))), (Infrastructure.Otlp.Logs, Utf8(Wire.Sample("otlp-logs-request")))];

        var refused = 0;
        for (var i = 0; i < CasesPerSeed; i++)
        {
            var (path, valid) = exports[random.Next(exports.Length)];
            var body = Mutate(valid, random);
            var gzip = random.Next(4) == 0;

            var response = await Client.PostOtlpAsync(path, gzip ? Infrastructure.Otlp.Gzip(body) : body, contentType, gzip ? "gzip" : null);

            var status = (int)response.StatusCode;
            Assert.True(status is 200 or 400, $"seed {seed}, case {i}: {path} answered {status} to {Convert.ToBase64String(body)}");
            if (status == 400)
            {
                refused++;
                Assert.Equal(3, (await response.ReadStatusAsync(contentType)).Code);
            }
        }

        // Garbage that all decodes, or none that does, would mean the mutations miss the decoder.
        Assert.InRange(refused, 1, CasesPerSeed - 1);

        Assert.Equal(CasesPerSeed, (await Client.CapturesAsync("?limit=1000")).Length);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
        // The views read every accepted capture back; none may trip them.
        foreach (var view in new[] { "spans", "metrics", "logs" })
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/mock/otlp/{view}?limit=1000")).StatusCode);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var body = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0:
                random.NextBytes(body.AsSpan(0, random.Next(1, Math.Min(64, body.Length))));
                return body;
            case 1:
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                    body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
                return body;
            case 2:
                return body[..random.Next(body.Length)];
            case 3:
                var at = random.Next(body.Length);
                return [.. body[..at], .. body[random.Next(body.Length)..]];
            default:
                var noise = new byte[random.Next(0, 256)];
                random.NextBytes(noise);
                return noise;
        }
    }
}
