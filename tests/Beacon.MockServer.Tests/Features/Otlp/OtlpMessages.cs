using Google.Protobuf;
using static Beacon.MockServer.Tests.Infrastructure.Otlp;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// Export requests that use every part of the model: each AnyValue type, each metric data type,
/// links, events, exemplars, optional fields set and unset. Built as protobuf messages, so that the
/// same data can be sent in either encoding.
/// </summary>
internal static class OtlpMessages
{
    public const string TraceId = "5b8efff798038103d269b633813fc60c";
    public const string RootSpanId = "eee19b7ec3c1b174";
    public const string ChildSpanId = "eee19b7ec3c1b173";
    public const string Service = "otlp-messages";

    public static Proto.AnyValue EveryValue() => new()
    {
        KvlistValue = new Proto.KeyValueList
        {
            Values =
            {
                Attribute("string", "text"),
                Attribute("empty", ""),
                Attribute("bool", new Proto.AnyValue { BoolValue = true }),
                Attribute("int", new Proto.AnyValue { IntValue = -9_007_199_254_740_993 }),
                Attribute("double", new Proto.AnyValue { DoubleValue = 0.25 }),
                Attribute("bytes", new Proto.AnyValue { BytesValue = ByteString.CopyFrom(0, 1, 254, 255) }),
                Attribute("array", new Proto.AnyValue
                {
                    ArrayValue = new Proto.ArrayValue { Values = { new Proto.AnyValue { StringValue = "a" }, new Proto.AnyValue { IntValue = 2 } } },
                }),
                Attribute("unset", new Proto.AnyValue()),
            },
        },
    };

    private static Proto.Resource Resource() => new()
    {
        Attributes = { Attribute("service.name", Service), Attribute("everything", EveryValue()) },
        DroppedAttributesCount = 1,
    };

    private static Proto.InstrumentationScope Scope() => new() { Name = "beacon.tests", Version = "1.2.3", Attributes = { Attribute("scope.attr", "x") } };

    public static Proto.ExportTraceServiceRequest Traces() => new()
    {
        ResourceSpans =
        {
            new Proto.ResourceSpans
            {
                Resource = Resource(),
                SchemaUrl = "https://opentelemetry.io/schemas/1.26.0",
                ScopeSpans =
                {
                    new Proto.ScopeSpans
                    {
                        Scope = Scope(),
                        Spans =
                        {
                            new Proto.Span
                            {
                                TraceId = Id(TraceId), SpanId = Id(RootSpanId), Name = "GET /info", Kind = 2,
                                StartTimeUnixNano = 1_700_000_000_000_000_001, EndTimeUnixNano = 1_700_000_000_250_000_000,
                                TraceState = "vendor=1", Flags = 0x101,
                                Attributes = { Attribute("http.method", "GET"), Attribute("attempt", new Proto.AnyValue { IntValue = 3 }) },
                                Events = { new Proto.SpanEvent { Name = "exception", TimeUnixNano = 1_700_000_000_100_000_000, Attributes = { Attribute("exception.type", "Timeout") } } },
                                Status = new Proto.SpanStatus { Code = 2, Message = "boom" },
                            },
                            new Proto.Span
                            {
                                TraceId = Id(TraceId), SpanId = Id(ChildSpanId), ParentSpanId = Id(RootSpanId), Name = "SELECT", Kind = 3,
                                StartTimeUnixNano = 1_700_000_000_010_000_000, EndTimeUnixNano = 1_700_000_000_020_000_000,
                                Links = { new Proto.SpanLink { TraceId = Id("0af7651916cd43dd8448eb211c80319c"), SpanId = Id("b7ad6b7169203331"), Attributes = { Attribute("why", "batch") } } },
                                DroppedEventsCount = 4,
                            },
                        },
                    },
                },
            },
        },
    };

    public static Proto.ExportMetricsServiceRequest Metrics()
    {
        var exemplar = new Proto.Exemplar { TimeUnixNano = 5, AsDouble = 1.5, TraceId = Id(TraceId), SpanId = Id(RootSpanId), FilteredAttributes = { Attribute("user", "u1") } };
        return new Proto.ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new Proto.ResourceMetrics
                {
                    Resource = Resource(),
                    ScopeMetrics =
                    {
                        new Proto.ScopeMetrics
                        {
                            Scope = Scope(),
                            Metrics =
                            {
                                new Proto.Metric
                                {
                                    Name = "queue.depth", Unit = "1", Description = "items waiting",
                                    Gauge = new Proto.Gauge { DataPoints = { new Proto.NumberDataPoint { TimeUnixNano = 10, AsDouble = 12.5, Attributes = { Attribute("queue", "runs") } } } },
                                },
                                new Proto.Metric
                                {
                                    Name = "requests", Unit = "{request}",
                                    Sum = new Proto.Sum
                                    {
                                        AggregationTemporality = 2, IsMonotonic = true,
                                        DataPoints = { new Proto.NumberDataPoint { StartTimeUnixNano = 1, TimeUnixNano = 10, AsInt = 9_007_199_254_740_993, Exemplars = { exemplar } } },
                                    },
                                },
                                new Proto.Metric
                                {
                                    Name = "latency", Unit = "s",
                                    Histogram = new Proto.Histogram
                                    {
                                        AggregationTemporality = 1,
                                        DataPoints =
                                        {
                                            new Proto.HistogramDataPoint
                                            {
                                                StartTimeUnixNano = 1, TimeUnixNano = 10, Count = 6, Sum = 2.5, Min = 0.01, Max = 1.5,
                                                BucketCounts = { 1, 2, 3 }, ExplicitBounds = { 0.1, 1.0 },
                                            },
                                            // Sum, min and max are optional: unset, not zero.
                                            new Proto.HistogramDataPoint { TimeUnixNano = 11, Count = 0 },
                                        },
                                    },
                                },
                                new Proto.Metric
                                {
                                    Name = "payload.size", Unit = "By",
                                    ExponentialHistogram = new Proto.ExponentialHistogram
                                    {
                                        AggregationTemporality = 2,
                                        DataPoints =
                                        {
                                            new Proto.ExponentialHistogramDataPoint
                                            {
                                                TimeUnixNano = 10, Count = 7, Sum = 100, Scale = -2, ZeroCount = 1, ZeroThreshold = 0.001,
                                                Positive = new Proto.ExponentialHistogramDataPoint.Types.Buckets { Offset = -3, BucketCounts = { 2, 3 } },
                                                Negative = new Proto.ExponentialHistogramDataPoint.Types.Buckets { Offset = 1, BucketCounts = { 1 } },
                                            },
                                        },
                                    },
                                },
                                new Proto.Metric
                                {
                                    Name = "gc.pause", Unit = "ms",
                                    Summary = new Proto.Summary
                                    {
                                        DataPoints =
                                        {
                                            new Proto.SummaryDataPoint
                                            {
                                                TimeUnixNano = 10, Count = 4, Sum = 40,
                                                QuantileValues = { new Proto.SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 9 }, new Proto.SummaryDataPoint.Types.ValueAtQuantile { Quantile = 1, Value = 20 } },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };
    }

    public static Proto.ExportLogsServiceRequest Logs() => new()
    {
        ResourceLogs =
        {
            new Proto.ResourceLogs
            {
                Resource = Resource(),
                ScopeLogs =
                {
                    new Proto.ScopeLogs
                    {
                        Scope = Scope(),
                        LogRecords =
                        {
                            new Proto.LogRecord
                            {
                                TimeUnixNano = 1_700_000_000_000_000_000, ObservedTimeUnixNano = 1_700_000_000_000_000_500,
                                SeverityNumber = 17, SeverityText = "Error", Body = new Proto.AnyValue { StringValue = "Failed to process trace batch" },
                                Attributes = { Attribute("component", "worker") }, TraceId = Id(TraceId), SpanId = Id(RootSpanId), Flags = 1,
                                EventName = "batch.failed",
                            },
                            new Proto.LogRecord { TimeUnixNano = 1_700_000_000_000_000_001, SeverityNumber = 9, Body = EveryValue() },
                        },
                    },
                },
            },
        },
    };
}
