using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// Bodies that are small on the wire and huge once read: a kilobyte of gzip holding half a million empty spans,
/// a span with a hundred thousand attributes, an export whose every span breaks a rule. Each is measured before it
/// is decoded and refused (413, captured) or kept within the store's caps, and the store never exceeds them.
/// </summary>
public sealed class AmplificationTests() : HostedTest(Settings)
{
    private const int MaxBytes = 4 * 1024 * 1024;

    // Buckets past their own cap are refused before the store's is reached (OtlpBucketCapTests); raised here, the
    // store's cap is what stops a histogram too large once decoded.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Beacon:Store:MaxBytes"] = $"{MaxBytes}",
        ["Beacon:Otlp:MaxBucketsPerExport"] = "1000000",
    };

    [Fact]
    public async Task AKilobyteOfGzipHoldingHalfAMillionEmptySpans_Is413NamingTheSetting_AndCaptured()
    {
        var body = EmptySpans(524_280);
        using var packed = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            zip.Write(body);
        var gzip = packed.ToArray();
        Assert.InRange(gzip.Length, 0, 2 * 1024);

        var response = await Client.PostOtlpAsync(Infrastructure.Otlp.Traces, gzip, Infrastructure.Otlp.Protobuf, "gzip");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = await response.ReadStatusAsync(Infrastructure.Otlp.Protobuf);
        Assert.Contains("524280 spans", status.Message);
        Assert.Contains("Beacon:Otlp:MaxItemsPerExport (100000)", status.Message);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal((413, "traces", "protobuf"), (capture.GetProperty("status").GetInt32(), capture.GetProperty("kind").GetString(), capture.GetProperty("encoding").GetString()));
        Assert.Equal(body.Length, capture.GetProperty("decodedBytes").GetInt64());
        await AssertStoreWithinItsCapAsync();
    }

    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf)]
    [InlineData(Infrastructure.Otlp.Json)]
    public async Task ASpanWithAHundredThousandAttributes_Is413NamingTheStoresCap_InEitherEncoding(string contentType)
    {
        var span = new Proto.Span { TraceId = Infrastructure.Otlp.Id("5b8efff798038103d269b633813fc60c"), SpanId = Infrastructure.Otlp.Id("eee19b7ec3c1b174") };
        span.Attributes.Add(Enumerable.Range(0, 100_000).Select(i => new Proto.KeyValue { Key = "k" }));
        var export = new Proto.ExportTraceServiceRequest { ResourceSpans = { new Proto.ResourceSpans { ScopeSpans = { new Proto.ScopeSpans { Spans = { span } } } } } };
        var body = contentType == Infrastructure.Otlp.Protobuf ? export.ToByteArray() : Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(export));

        var response = await Client.PostOtlpAsync(Infrastructure.Otlp.Traces, body, contentType);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"Beacon:Store:MaxBytes, {MaxBytes}", (await response.ReadStatusAsync(contentType)).Message);
        Assert.Equal(413, (await Client.LastCaptureAsync()).GetProperty("status").GetInt32());
        await AssertStoreWithinItsCapAsync();
    }

    [Fact]
    public async Task HistogramBucketCountsAsJsonStrings_AreMeasuredAsTheNumbersTheyBecome_AndPastTheStoresCapAre413()
    {
        // 600,000 counts of "1": 2.4 MB of JSON, 4.8 MB once each is a 64-bit number.
        var counts = string.Join(',', Enumerable.Repeat("\"1\"", 600_000));
        var body = """{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"h","histogram":{"aggregationTemporality":1,"dataPoints":[{"count":"600000","bucketCounts":["""
            + counts + "]}]}}]}]}]}";

        var response = await Client.PostOtlpAsync(Infrastructure.Otlp.Metrics, Encoding.UTF8.GetBytes(body), Infrastructure.Otlp.Json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"Beacon:Store:MaxBytes, {MaxBytes}", (await response.ReadStatusAsync(Infrastructure.Otlp.Json)).Message);
        await AssertStoreWithinItsCapAsync();
    }

    [Fact]
    public async Task PackedVarintBucketCounts_AreMeasuredAsTheNumbersTheyBecome_AndPastTheStoresCapAre413()
    {
        // 600,000 packed varints of 1: 600 KB of protobuf, 4.8 MB once each is a 64-bit number.
        var buckets = new Proto.ExponentialHistogramDataPoint.Types.Buckets();
        buckets.BucketCounts.Add(Enumerable.Repeat(1UL, 600_000));
        var export = Metrics(new Proto.Metric { Name = "e", ExponentialHistogram = new Proto.ExponentialHistogram { DataPoints = { new Proto.ExponentialHistogramDataPoint { Positive = buckets } } } });

        var response = await Client.PostProtobufAsync(Infrastructure.Otlp.Metrics, export);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"Beacon:Store:MaxBytes, {MaxBytes}", (await response.ReadStatusAsync(Infrastructure.Otlp.Protobuf)).Message);
        await AssertStoreWithinItsCapAsync();
    }

    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf)]
    [InlineData(Infrastructure.Otlp.Json)]
    public async Task AHistogramThatFits_IsAccountedAtLeastAtEightBytesABucket(string contentType)
    {
        var point = new Proto.HistogramDataPoint { Count = 100_000 };
        point.BucketCounts.Add(Enumerable.Repeat(1UL, 100_000));
        var export = Metrics(new Proto.Metric { Name = "h", Histogram = new Proto.Histogram { AggregationTemporality = 1, DataPoints = { point } } });
        var body = contentType == Infrastructure.Otlp.Protobuf ? export.ToByteArray() : Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(export));

        var response = await Client.PostOtlpAsync(Infrastructure.Otlp.Metrics, body, contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var store = (await Client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store");
        Assert.InRange(store.GetProperty("bytes").GetInt64(), 100_000 * 8, MaxBytes);
    }

    [Fact]
    public async Task AnExportWhoseEverySpanBreaksARule_KeepsAHundredFindings_AndCountsTheRest()
    {
        var spans = Enumerable.Range(0, 400).Select(i => new Proto.Span { Name = $"s{i}" });
        var export = new Proto.ExportTraceServiceRequest { ResourceSpans = { new Proto.ResourceSpans { ScopeSpans = { new Proto.ScopeSpans { Spans = { spans } } } } } };

        var response = await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(100, capture.GetProperty("findings").GetArrayLength());
        // Two findings a span (its empty trace id and span id), the first hundred kept.
        Assert.Equal(700, capture.GetProperty("findingsDropped").GetInt64());
        Assert.Equal(400, (await Client.GetFromJsonAsync<JsonElement>("/mock/otlp/spans?limit=1")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AJsonBodyLargerThanTheStoreAllowsOneCapture_IsAcceptedAndKeptCut_WithAFindingThatSaysSo()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Store:MaxBytes"] = $"{256 * 1024}" });
        var client = app.CreateBeaconClient();
        var snapshot = Wire.Sample("usage-snapshot-request").Replace("<YOUR_LICENSE_KEY>", "lcl_big").TrimEnd().TrimEnd('}')
            + $", \"note\": \"{new string('n', 512 * 1024)}\"}}";

        var response = await client.PostJsonAsync("/v1/beacon/usage-snapshot", snapshot);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await client.LastCaptureAsync();
        Assert.Equal(JsonValueKind.Null, capture.GetProperty("payload").ValueKind);
        Assert.Equal(16 * 1024, capture.GetProperty("payloadText").GetString()!.Length);
        Assert.Contains(capture.GetProperty("findings").EnumerateArray(), f => f.GetProperty("message").GetString()!.Contains("more than Beacon:Store:MaxBytes"));
        Assert.InRange((await client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store").GetProperty("bytes").GetInt64(), 0, 256 * 1024);
    }

    private async Task AssertStoreWithinItsCapAsync()
    {
        var store = (await Client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store");
        Assert.InRange(store.GetProperty("bytes").GetInt64(), 0, MaxBytes);
    }

    private static Proto.ExportMetricsServiceRequest Metrics(Proto.Metric metric) => new()
    {
        ResourceMetrics = { new Proto.ResourceMetrics { ScopeMetrics = { new Proto.ScopeMetrics { Metrics = { metric } } } } },
    };

    /// <summary>An ExportTraceServiceRequest of <paramref name="count"/> empty spans, written by hand: two bytes a span.</summary>
    private static byte[] EmptySpans(int count)
    {
        var spans = new byte[2 * count];
        for (var i = 0; i < count; i++)
            (spans[2 * i], spans[2 * i + 1]) = (0x12, 0x00); // ScopeSpans.spans (field 2), length 0
        var scopeSpans = (byte[])[0x12, .. Varint(spans.Length), .. spans]; // ResourceSpans.scope_spans (field 2)
        return [0x0A, .. Varint(scopeSpans.Length), .. scopeSpans]; // ExportTraceServiceRequest.resource_spans (field 1)
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
            bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
