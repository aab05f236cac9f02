using Beacon.MockServer.Features.Otlp;
using Google.Protobuf;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// The views count matches by reading a stored export's bytes (<see cref="OtlpItemScan"/>) rather than decoding it. Over
/// many exports made from a seed, each with the parts protobuf lets a sender split (a resource, a span, a metric's data,
/// a log body sent twice and merged), what the scan finds is what the decoded export says, for every filter the views take.
/// </summary>
public sealed class OtlpItemScanTests
{
    private const int Exports = 150;

    private static readonly byte[] TraceA = Convert.FromHexString("5b8efff798038103d269b633813fc60c");
    private static readonly byte[] TraceB = Convert.FromHexString("71699b6fe85982c7c8995ea3d9c95df2");
    private static readonly byte[] SpanA = Convert.FromHexString("eee19b7ec3c1b174");
    private static readonly byte[] SpanB = Convert.FromHexString("eee19b7ec3c1b173");
    private static readonly string?[] Names = [null, "x", "y"];
    private static readonly string?[] Services = [null, "a", "b"];

    [Fact]
    public void Spans_FoundByTheScan_AreThoseTheDecodedExportMatches()
    {
        var random = new Random(18);
        for (var n = 0; n < Exports; n++)
        {
            var body = Build(random, SpanPart);
            var export = Proto.ExportTraceServiceRequest.Parser.ParseFrom(body);
            foreach (var name in Names)
            foreach (var service in Services)
            foreach (var traceId in new[] { null, TraceA })
            foreach (var spanId in new[] { null, SpanA })
            foreach (var parent in new[] { null, SpanB })
            {
                var found = new List<int>();
                Assert.True(OtlpItemScan.Spans(body, new SpanMatch(Utf8(name), traceId, spanId, parent, Utf8(service)), found));
                var expected = export.ResourceSpans
                    .SelectMany(r => r.ScopeSpans.SelectMany(s => s.Spans).Select(span => (Service: Service(r.Resource), Span: span)))
                    .Select((item, i) => (item, i))
                    .Where(x => (name is null || x.item.Span.Name == name) && (service is null || x.item.Service == service)
                        && Same(x.item.Span.TraceId, traceId) && Same(x.item.Span.SpanId, spanId) && Same(x.item.Span.ParentSpanId, parent))
                    .Select(x => x.i);
                Assert.Equal(expected, found);
            }
        }
    }

    [Fact]
    public void MetricPoints_FoundByTheScan_AreThoseTheDecodedExportMatches()
    {
        var random = new Random(19);
        for (var n = 0; n < Exports; n++)
        {
            var body = Build(random, MetricPart);
            var export = Proto.ExportMetricsServiceRequest.Parser.ParseFrom(body);
            foreach (var name in new[] { null, "m", "n" })
            foreach (var service in Services)
            {
                var found = new List<int>();
                Assert.True(OtlpItemScan.MetricPoints(body, new MetricMatch(Utf8(name), Utf8(service)), found));
                var expected = export.ResourceMetrics
                    .SelectMany(r => r.ScopeMetrics.SelectMany(s => s.Metrics)
                        .SelectMany(metric => Enumerable.Repeat((Service: Service(r.Resource), Metric: metric.Name), Points(metric))))
                    .Select((item, i) => (item, i))
                    .Where(x => (name is null || x.item.Metric == name) && (service is null || x.item.Service == service))
                    .Select(x => x.i);
                Assert.Equal(expected, found);
            }
        }
    }

    [Fact]
    public void Logs_FoundByTheScan_AreThoseTheDecodedExportMatches_OrTheScanSaysItCannotTell()
    {
        var random = new Random(20);
        var undecided = 0;
        for (var n = 0; n < Exports; n++)
        {
            var body = Build(random, LogPart);
            var export = Proto.ExportLogsServiceRequest.Parser.ParseFrom(body);
            foreach (var severity in new int?[] { null, 9 })
            foreach (var contains in new[] { null, "ELL" })
            foreach (var service in Services)
            foreach (var traceId in new[] { null, TraceA })
            foreach (var spanId in new[] { null, SpanA })
            {
                var found = new List<int>();
                var told = OtlpItemScan.Logs(body, new LogMatch(severity, traceId, spanId, Utf8(service), contains), found);
                var records = export.ResourceLogs
                    .SelectMany(r => r.ScopeLogs.SelectMany(s => s.LogRecords).Select(log => (Service: Service(r.Resource), Log: log)))
                    .ToList();
                if (!told)
                {
                    // Only a text search can leave the scan unsure, and only over a body that is not a string.
                    Assert.NotNull(contains);
                    Assert.Contains(records, r => r.Log.Body is { ValueCase: not Proto.AnyValue.ValueOneofCase.StringValue and not Proto.AnyValue.ValueOneofCase.None });
                    undecided++;
                    continue;
                }
                var expected = records.Select((item, i) => (item, i))
                    .Where(x => (severity is null || x.item.Log.SeverityNumber >= severity) && (service is null || x.item.Service == service)
                        && Same(x.item.Log.TraceId, traceId) && Same(x.item.Log.SpanId, spanId)
                        && (contains is null || (x.item.Log.Body?.StringValue ?? "").Contains(contains, StringComparison.OrdinalIgnoreCase)))
                    .Select(x => x.i);
                Assert.Equal(expected, found);
            }
        }
        Assert.InRange(undecided, 1, int.MaxValue);
    }

    [Fact]
    public void AnUnknownGroupField_IsSkippedWhole_AndTheItemsAfterItAreStillFound()
    {
        var span = new Proto.Span { Name = "x", TraceId = ByteString.CopyFrom(TraceA) }.ToByteArray();
        // Field 99 as a group holding a nested group and a string, then the span, all inside one ScopeSpans.
        byte[] group = [.. Tag(99, 3), .. Tag(100, 3), .. Tag(1, 0), 7, .. Tag(100, 4), .. Field(2, "zz"u8.ToArray()), .. Tag(99, 4)];
        var body = Field(1, Field(2, [.. group, .. Field(2, span), .. Field(2, span)]));
        Assert.Equal(2, Proto.ExportTraceServiceRequest.Parser.ParseFrom(body).ResourceSpans[0].ScopeSpans[0].Spans.Count);

        var found = new List<int>();
        Assert.True(OtlpItemScan.Spans(body, new SpanMatch(Utf8("x"), TraceA, null, null, null), found));

        Assert.Equal([0, 1], found);
    }

    private static byte[] Build(Random random, Func<Random, byte[]> item)
    {
        var export = new List<byte>();
        for (var r = random.Next(1, 4); r > 0; r--)
        {
            var resource = new List<byte>();
            foreach (var part in ResourceParts(random))
                resource.AddRange(Field(1, part));
            for (var s = random.Next(1, 3); s > 0; s--)
            {
                var scope = new List<byte>();
                for (var i = random.Next(0, 4); i > 0; i--)
                    scope.AddRange(Field(2, item(random)));
                resource.AddRange(Field(2, [.. scope]));
            }
            export.AddRange(Field(1, [.. resource]));
        }
        return [.. export];
    }

    /// <summary>A resource, sometimes in two parts that protobuf merges (their attributes one list), its service.name a string, a number, twice, or absent.</summary>
    private static IEnumerable<byte[]> ResourceParts(Random random)
    {
        var parts = random.Next(0, 4) == 0 ? 2 : 1;
        for (var p = 0; p < parts; p++)
        {
            var resource = new Proto.Resource();
            for (var a = random.Next(0, 3); a > 0; a--)
            {
                var value = random.Next(0, 5) switch
                {
                    0 => new Proto.AnyValue { IntValue = 7 },
                    1 => new Proto.AnyValue(),
                    2 => new Proto.AnyValue { StringValue = "b" },
                    _ => new Proto.AnyValue { StringValue = "a" },
                };
                resource.Attributes.Add(new Proto.KeyValue { Key = random.Next(0, 4) == 0 ? "host.name" : "service.name", Value = value });
            }
            var bytes = resource.ToByteArray();
            // Now and then a key's value sent twice (merged: an empty second part leaves the first as it was).
            if (random.Next(0, 4) == 0)
            {
                var twice = new Proto.KeyValue { Key = "service.name", Value = new Proto.AnyValue { StringValue = "b" } }.ToByteArray();
                bytes = [.. bytes, .. Field(1, [.. twice, .. Field(2, random.Next(0, 2) == 0 ? [] : new Proto.AnyValue { IntValue = 1 }.ToByteArray())])];
            }
            yield return bytes;
        }
    }

    private static byte[] SpanPart(Random random)
    {
        var span = new Proto.Span
        {
            Name = Pick(random, "x", "y", ""),
            TraceId = Id(random, TraceA, TraceB),
            SpanId = Id(random, SpanA, SpanB),
            ParentSpanId = Id(random, SpanB, SpanA),
        };
        var bytes = span.ToByteArray();
        // A span in two parts: the second's fields replace the first's.
        return random.Next(0, 4) == 0 ? [.. bytes, .. new Proto.Span { Name = Pick(random, "x", "y"), SpanId = Id(random, SpanA, SpanB) }.ToByteArray()] : bytes;
    }

    private static byte[] MetricPart(Random random)
    {
        var bytes = Metric(random).ToByteArray();
        // Data sent twice: the same kind is merged (points added), another kind replaces it.
        return random.Next(0, 3) == 0 ? [.. bytes, .. Metric(random).ToByteArray()] : bytes;
    }

    private static Proto.Metric Metric(Random random)
    {
        var metric = new Proto.Metric { Name = Pick(random, "m", "n") };
        var points = random.Next(0, 4);
        switch (random.Next(0, 6))
        {
            case 0:
                metric.Gauge = new Proto.Gauge();
                metric.Gauge.DataPoints.Add(Enumerable.Range(0, points).Select(i => new Proto.NumberDataPoint { AsInt = i }));
                break;
            case 1:
                metric.Sum = new Proto.Sum();
                metric.Sum.DataPoints.Add(Enumerable.Range(0, points).Select(i => new Proto.NumberDataPoint { AsDouble = i }));
                break;
            case 2:
                metric.Histogram = new Proto.Histogram();
                metric.Histogram.DataPoints.Add(Enumerable.Range(0, points).Select(i => new Proto.HistogramDataPoint { Count = (ulong)i }));
                break;
            case 3:
                metric.ExponentialHistogram = new Proto.ExponentialHistogram();
                metric.ExponentialHistogram.DataPoints.Add(Enumerable.Range(0, points).Select(i => new Proto.ExponentialHistogramDataPoint { Count = (ulong)i }));
                break;
            case 4:
                metric.Summary = new Proto.Summary();
                metric.Summary.DataPoints.Add(Enumerable.Range(0, points).Select(i => new Proto.SummaryDataPoint { Count = (ulong)i }));
                break;
        }
        return metric;
    }

    private static byte[] LogPart(Random random)
    {
        var log = new Proto.LogRecord
        {
            SeverityNumber = random.Next(0, 25),
            TraceId = Id(random, TraceA, TraceB),
            SpanId = Id(random, SpanA, SpanB),
        };
        switch (random.Next(0, 5))
        {
            case 0:
                break;
            case 1:
                log.Body = new Proto.AnyValue { IntValue = 3 };
                break;
            case 2:
                log.Body = new Proto.AnyValue { StringValue = "Hello" };
                break;
            default:
                log.Body = new Proto.AnyValue { StringValue = Pick(random, "bye", "shell", "") };
                break;
        }
        var bytes = log.ToByteArray();
        return random.Next(0, 4) == 0 ? [.. bytes, .. new Proto.LogRecord { Body = new Proto.AnyValue { StringValue = "yellow" } }.ToByteArray()] : bytes;
    }

    /// <summary>The service.name as the views read it: the last such attribute, when its value is a string.</summary>
    private static string? Service(Proto.Resource? resource) =>
        resource?.Attributes.LastOrDefault(a => a.Key == "service.name") is { Value.ValueCase: Proto.AnyValue.ValueOneofCase.StringValue } pair ? pair.Value.StringValue : null;

    private static int Points(Proto.Metric metric) => metric.DataCase switch
    {
        Proto.Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Proto.Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Proto.Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Proto.Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Proto.Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 0,
    };

    private static bool Same(ByteString value, byte[]? wanted) => wanted is null || value.Span.SequenceEqual(wanted);

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static ByteString Id(Random random, byte[] one, byte[] other) => random.Next(0, 3) switch
    {
        0 => ByteString.CopyFrom(one),
        1 => ByteString.CopyFrom(other),
        _ => ByteString.Empty,
    };

    private static byte[]? Utf8(string? text) => text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);

    private static byte[] Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private static byte[] Field(int field, byte[] bytes) => [.. Tag(field, 2), .. Varint((ulong)bytes.Length), .. bytes];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
            bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
