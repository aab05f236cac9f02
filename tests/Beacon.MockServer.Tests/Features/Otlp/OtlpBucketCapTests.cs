using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Http;
using Beacon.MockServer.Tests.Configuration;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// A histogram's buckets cost the store eight bytes each once decoded, and a packed list of zeros gzips to almost
/// nothing: two kilobytes on the wire were 16 MB of store. Buckets are counted before decoding, against
/// <c>Beacon:Otlp:MaxBucketsPerExport</c>, so no small export takes a large share of the store.
/// </summary>
public sealed class OtlpBucketCapTests : IDisposable
{
    private readonly BeaconApplication _app = new();
    private readonly HttpClient _client;

    public OtlpBucketCapTests() => _client = _app.CreateBeaconClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TwoKilobytesOfGzipHoldingTwoMillionBuckets_Is413NamingTheBucketCap_AndCaptured()
    {
        var gzip = GzipSmallest(ExponentialHistogram(2_000_000).ToByteArray());
        Assert.InRange(gzip.Length, 0, 4 * 1024);

        var response = await _client.PostOtlpAsync(Infrastructure.Otlp.Metrics, gzip, Infrastructure.Otlp.Protobuf, "gzip");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = await response.ReadStatusAsync(Infrastructure.Otlp.Protobuf);
        Assert.Contains("2000000 histogram buckets", status.Message);
        Assert.Contains("Beacon:Otlp:MaxBucketsPerExport (100000)", status.Message);
        var capture = await _client.LastCaptureAsync();
        Assert.Equal((413, "metrics", "protobuf"), (capture.GetProperty("status").GetInt32(), capture.GetProperty("kind").GetString(), capture.GetProperty("encoding").GetString()));
    }

    [Fact]
    public async Task FourSuchExports_EvictNothingElse()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.PostProtobufAsync(Infrastructure.Otlp.Metrics, ExponentialHistogram(100))).StatusCode);
        var first = (await _client.LastCaptureAsync()).GetProperty("sequence").GetInt64();
        var gzip = GzipSmallest(ExponentialHistogram(2_000_000).ToByteArray());

        for (var i = 0; i < 4; i++)
            await _client.PostOtlpAsync(Infrastructure.Otlp.Metrics, gzip, Infrastructure.Otlp.Protobuf, "gzip");

        var health = await _client.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal(0, health.GetProperty("store").GetProperty("evicted").GetInt64());
        Assert.InRange(health.GetProperty("store").GetProperty("bytes").GetInt64(), 0, 1024 * 1024);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/mock/captures/{first}")).StatusCode);
    }

    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf)]
    [InlineData(Infrastructure.Otlp.Json)]
    public async Task AnExplicitHistogramsCountsAndBoundsTogether_CountAgainstTheCap_InEitherEncoding(string contentType)
    {
        // 60,000 counts and 59,999 bounds: each list alone is under 100,000, both together are not.
        var point = new Proto.HistogramDataPoint { Count = 60_000 };
        point.BucketCounts.Add(Enumerable.Repeat(1UL, 60_000));
        point.ExplicitBounds.Add(Enumerable.Range(0, 59_999).Select(i => (double)i));
        var export = Metrics(new Proto.Metric { Name = "h", Histogram = new Proto.Histogram { AggregationTemporality = 1, DataPoints = { point } } });
        var body = contentType == Infrastructure.Otlp.Protobuf ? export.ToByteArray() : Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(export));

        var response = await _client.PostOtlpAsync(Infrastructure.Otlp.Metrics, body, contentType);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("119999 histogram buckets", (await response.ReadStatusAsync(contentType)).Message);
        Assert.Equal(413, (await _client.LastCaptureAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnExportAtTheCap_IsAccepted_AndACapOfItsOwnIsHonoured()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Otlp:MaxBucketsPerExport"] = "500" });
        var client = app.CreateBeaconClient();

        var atTheCap = await client.PostProtobufAsync(Infrastructure.Otlp.Metrics, ExponentialHistogram(250, negative: 250));
        var pastIt = await client.PostProtobufAsync(Infrastructure.Otlp.Metrics, ExponentialHistogram(250, negative: 251));

        Assert.Equal(HttpStatusCode.OK, atTheCap.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, pastIt.StatusCode);
        Assert.Contains("501 histogram buckets", (await pastIt.ReadStatusAsync(Infrastructure.Otlp.Protobuf)).Message);
        Assert.Contains("Beacon:Otlp:MaxBucketsPerExport (500)", (await pastIt.ReadStatusAsync(Infrastructure.Otlp.Protobuf)).Message);
    }

    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf)]
    [InlineData(Infrastructure.Otlp.Json)]
    public void TheDecodedSizeEstimate_CoversTheRoomItsBucketListsTakeOnceRead(string contentType)
    {
        // One past a power of two: a list read from JSON grows by doubling, to 131,072 slots for 65,537 numbers.
        var point = new Proto.HistogramDataPoint { Count = 65_537 };
        point.BucketCounts.Add(Enumerable.Repeat(1UL, 65_537));
        var export = Metrics(new Proto.Metric { Name = "h", Histogram = new Proto.Histogram { AggregationTemporality = 1, DataPoints = { point } } });

        var (shape, data) = contentType == Infrastructure.Otlp.Protobuf
            ? (OtlpShape.OfProtobuf(export.ToByteArray(), OtlpSignal.Metrics)!.Value, OtlpProtobuf.ReadMetrics(export.ToByteArray()))
            : Json(Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(export)));

        var counts = data.ResourceMetrics[0].ScopeMetrics[0].Metrics[0].Histogram!.DataPoints[0].BucketCounts;
        Assert.Equal(65_537, shape.ListScalars);
        Assert.InRange(shape.DecodedBytes, 8L * counts.Capacity, long.MaxValue);

        static (OtlpShape, MetricsData) Json(byte[] body) =>
            (OtlpShape.Of(JsonBodyCheck.Run(body, OtlpShape.MaxDepth, itemArrays: OtlpShape.ItemArrays)), JsonSerializer.Deserialize(body, OtlpJson.Metrics)!);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public void ABadBucketCap_StopsTheServerAtStart_NamingTheSetting(string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => ConfigurationTests.Resolve(new Dictionary<string, string?> { ["Beacon:Otlp:MaxBucketsPerExport"] = value }));

        Assert.Contains("Beacon:Otlp:MaxBucketsPerExport", error.Message);
    }

    private static Proto.ExportMetricsServiceRequest ExponentialHistogram(int positive, int negative = 0)
    {
        var point = new Proto.ExponentialHistogramDataPoint { Positive = new(), Negative = new() };
        point.Positive.BucketCounts.Add(Enumerable.Repeat(0UL, positive));
        point.Negative.BucketCounts.Add(Enumerable.Repeat(0UL, negative));
        return Metrics(new Proto.Metric { Name = "e", ExponentialHistogram = new Proto.ExponentialHistogram { AggregationTemporality = 1, DataPoints = { point } } });
    }

    private static Proto.ExportMetricsServiceRequest Metrics(Proto.Metric metric) => new()
    {
        ResourceMetrics = { new Proto.ResourceMetrics { ScopeMetrics = { new Proto.ScopeMetrics { Metrics = { metric } } } } },
    };

    private static byte[] GzipSmallest(byte[] body)
    {
        using var packed = new MemoryStream();
        using (var zip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
            zip.Write(body);
        return packed.ToArray();
    }
}
