using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// A real OpenTelemetry client: the .NET SDK's OTLP exporter, over HTTP/protobuf, to the mock served by
/// Kestrel on a loopback port. Every span, metric and log record the SDK sends is found through the
/// views as the SDK sent it, and every export is captured with the license from the exporter's headers.
/// ForceFlush returns once the export has been answered, so nothing here waits or polls.
/// </summary>
public sealed class OtlpSdkExporterTests() : HostedTest(onLoopback: true)
{
    private const string License = "lic-otel-sdk";

    private readonly Telemetry _telemetry = new();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _telemetry.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public void Server_ListensOnlyOnALoopbackPortTheSystemChose()
    {
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

        var address = new Uri(Assert.Single(addresses));
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        Assert.Equal(address, Client.BaseAddress);
    }

    [Fact]
    public async Task SignalEndpoints_EverySpanMetricAndLogTheSdkSent_IsInTheViews()
    {
        using var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(_telemetry.Service))
            .AddSource(_telemetry.Name)
            .AddOtlpExporter(o => SendTo(o, Infrastructure.Otlp.Traces))
            .Build();
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(_telemetry.Service))
            .AddMeter(_telemetry.Name)
            .AddOtlpExporter(o => SendTo(o, Infrastructure.Otlp.Metrics))
            .Build();
        // Logging through a service provider, so the SDK's LoggerProvider behind the ILoggerFactory can be flushed.
        using var logging = new ServiceCollection()
            .AddLogging(builder => builder.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(_telemetry.Service));
                o.AddOtlpExporter(e => SendTo(e, Infrastructure.Otlp.Logs));
            }))
            .BuildServiceProvider();

        var sent = _telemetry.Emit(logging.GetRequiredService<ILoggerFactory>());
        Assert.True(tracerProvider.ForceFlush());
        Assert.True(meterProvider.ForceFlush());
        Assert.True(logging.GetRequiredService<LoggerProvider>().ForceFlush());

        await AssertSpansAsync(sent);
        await AssertMetricsAsync();
        await AssertLogsAsync(sent);
        await AssertCapturesAsync();
    }

    [Theory]
    [InlineData("/v1/beacon", null)]
    [InlineData("/ns/test-42/v1/beacon", "test-42")]
    public async Task BaseEndpointFromConfiguration_TheSdkAppendsTheSignalPaths_AndEverythingIsInTheViews(string endpoint, string? ns)
    {
        // What a deployment sets as environment variables, given to this SDK instance only: environment
        // variables are process-wide and the tests run in parallel.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = new Uri(Client.BaseAddress!, endpoint).ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"X-Langchain-License-Key={License}",
            ["OTEL_SERVICE_NAME"] = _telemetry.Service,
        }).Build();
        using var sdk = OpenTelemetrySdk.Create(builder =>
        {
            builder.Services.AddSingleton<IConfiguration>(configuration);
            builder.WithTracing(tracing => tracing.AddSource(_telemetry.Name))
                .WithMetrics(metrics => metrics.AddMeter(_telemetry.Name))
                .WithLogging()
                .UseOtlpExporter();
        });

        var sent = _telemetry.Emit(sdk.GetLoggerFactory());
        Assert.True(sdk.TracerProvider.ForceFlush());
        Assert.True(sdk.MeterProvider.ForceFlush());
        Assert.True(sdk.LoggerProvider.ForceFlush());

        await AssertSpansAsync(sent);
        await AssertMetricsAsync();
        await AssertLogsAsync(sent);
        await AssertCapturesAsync(ns);
    }

    /// <summary>An explicit endpoint is the full URL of the signal's receiver: the SDK appends nothing to it.</summary>
    private void SendTo(OtlpExporterOptions options, string path)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(Client.BaseAddress!, path);
        options.Headers = $"X-Langchain-License-Key={License}";
    }

    private async Task AssertSpansAsync(Sent sent)
    {
        var spans = await Client.ViewAsync("spans", $"?service={_telemetry.Service}");

        Assert.Equal([sent.Child.SpanId.ToHexString(), sent.Parent.SpanId.ToHexString()], spans.Select(s => s.GetProperty("spanId").GetString()));
        var (child, parent) = (spans[0], spans[1]);
        Assert.All(spans, span =>
        {
            Assert.Equal(sent.Parent.TraceId.ToHexString(), span.GetProperty("traceId").GetString());
            Assert.Equal(_telemetry.Service, span.GetProperty("resource").GetProperty("service.name").GetString());
            Assert.Equal(_telemetry.Name, span.GetProperty("scope").GetProperty("name").GetString());
            Assert.Equal(Telemetry.Version, span.GetProperty("scope").GetProperty("version").GetString());
        });

        Assert.Equal("POST /runs", parent.GetProperty("name").GetString());
        Assert.Equal("", parent.GetProperty("parentSpanId").GetString());
        Assert.Equal(2, parent.GetProperty("kind").GetInt32()); // SPAN_KIND_SERVER
        Assert.Equal(0, parent.GetProperty("status").GetProperty("code").GetInt32()); // STATUS_CODE_UNSET

        Assert.Equal("store run", child.GetProperty("name").GetString());
        Assert.Equal(sent.Parent.SpanId.ToHexString(), child.GetProperty("parentSpanId").GetString());
        Assert.Equal(1, child.GetProperty("kind").GetInt32()); // SPAN_KIND_INTERNAL
        Assert.Equal(2, child.GetProperty("status").GetProperty("code").GetInt32()); // STATUS_CODE_ERROR
        Assert.Equal("disk full", child.GetProperty("status").GetProperty("message").GetString());
        Assert.Equal(UnixNanos(sent.Child.StartTimeUtc), child.GetProperty("startTimeUnixNano").GetString());
        Assert.Equal(UnixNanos(sent.Child.StartTimeUtc + sent.Child.Duration), child.GetProperty("endTimeUnixNano").GetString());
        Assert.Equal(
            """{"run.id":"run-7","run.attempt":3,"run.cached":false,"run.score":0.75,"run.tags":["eval","nightly"]}""",
            child.GetProperty("attributes").GetRawText());
        var retry = Assert.Single(child.GetProperty("events").EnumerateArray());
        Assert.Equal("retry", retry.GetProperty("name").GetString());
        Assert.Equal("""{"retry.delay_ms":250}""", retry.GetProperty("attributes").GetRawText());
    }

    private async Task AssertMetricsAsync()
    {
        var points = await Client.ViewAsync("metrics", $"?service={_telemetry.Service}");

        Assert.Equal(["runs.created", "run.duration", "queue.depth", "runs.active"], points.Select(p => p.GetProperty("name").GetString()));
        Assert.All(points, point =>
        {
            Assert.Equal(_telemetry.Name, point.GetProperty("scope").GetProperty("name").GetString());
            Assert.Equal(Telemetry.Version, point.GetProperty("scope").GetProperty("version").GetString());
        });
        var (counter, histogram, gauge, upDown) = (points[0], points[1], points[2], points[3]);

        Assert.Equal("sum", counter.GetProperty("type").GetString());
        Assert.Equal("{run}", counter.GetProperty("unit").GetString());
        Assert.Equal("Runs created", counter.GetProperty("description").GetString());
        Assert.True(counter.GetProperty("monotonic").GetBoolean());
        Assert.Equal("cumulative", counter.GetProperty("temporality").GetString());
        Assert.Equal(3, counter.GetProperty("value").GetInt64());
        Assert.Equal("""{"run.kind":"eval"}""", counter.GetProperty("attributes").GetRawText());

        Assert.Equal("histogram", histogram.GetProperty("type").GetString());
        Assert.Equal("ms", histogram.GetProperty("unit").GetString());
        Assert.Equal("cumulative", histogram.GetProperty("temporality").GetString());
        Assert.Equal(2ul, histogram.GetProperty("count").GetUInt64());
        Assert.Equal(45.0, histogram.GetProperty("sum").GetDouble());
        Assert.Equal(5.0, histogram.GetProperty("min").GetDouble());
        Assert.Equal(40.0, histogram.GetProperty("max").GetDouble());
        Assert.Equal("[10,50]", histogram.GetProperty("explicitBounds").GetRawText());
        Assert.Equal("[1,1,0]", histogram.GetProperty("bucketCounts").GetRawText());

        Assert.Equal("gauge", gauge.GetProperty("type").GetString());
        Assert.Equal(21.5, gauge.GetProperty("value").GetDouble());
        Assert.False(gauge.TryGetProperty("temporality", out _));

        Assert.Equal("sum", upDown.GetProperty("type").GetString());
        Assert.False(upDown.GetProperty("monotonic").GetBoolean());
        Assert.Equal("cumulative", upDown.GetProperty("temporality").GetString());
        Assert.Equal(3, upDown.GetProperty("value").GetInt64());
    }

    private async Task AssertLogsAsync(Sent sent)
    {
        var logs = await Client.ViewAsync("logs", $"?service={_telemetry.Service}");

        Assert.Equal(2, logs.Length);
        var (warning, error) = (logs[0], logs[1]);
        Assert.All(logs, log => Assert.Equal(Telemetry.Category, log.GetProperty("scope").GetProperty("name").GetString()));

        // The SDK sends the message template as the body and each template property as an attribute.
        Assert.Equal(13, warning.GetProperty("severityNumber").GetInt32()); // SEVERITY_NUMBER_WARN
        Assert.Equal("Warning", warning.GetProperty("severityText").GetString());
        Assert.Equal("Run {RunId} waited {WaitMs} ms in the queue", warning.GetProperty("body").GetString());
        Assert.Equal("""{"RunId":"run-7","WaitMs":1200}""", warning.GetProperty("attributes").GetRawText());
        // Logged inside the child span, so it carries that span's context.
        Assert.Equal(sent.Child.TraceId.ToHexString(), warning.GetProperty("traceId").GetString());
        Assert.Equal(sent.Child.SpanId.ToHexString(), warning.GetProperty("spanId").GetString());

        // An exception becomes the semantic-convention exception.* attributes; the record has no span.
        Assert.Equal(17, error.GetProperty("severityNumber").GetInt32()); // SEVERITY_NUMBER_ERROR
        Assert.Equal("Error", error.GetProperty("severityText").GetString());
        Assert.Equal("Export failed", error.GetProperty("body").GetString());
        var attributes = error.GetProperty("attributes");
        Assert.Equal(["exception.type", "exception.message", "exception.stacktrace"], attributes.EnumerateObject().Select(a => a.Name));
        Assert.Equal(nameof(InvalidOperationException), attributes.GetProperty("exception.type").GetString());
        Assert.Equal(sent.Error.Message, attributes.GetProperty("exception.message").GetString());
        Assert.Equal(sent.Error.ToString(), attributes.GetProperty("exception.stacktrace").GetString());
        Assert.Equal("", error.GetProperty("traceId").GetString());
    }

    private async Task AssertCapturesAsync(string? ns = null)
    {
        var captures = await Client.CapturesAsync();

        Assert.Equal(["logs", "metrics", "traces"], captures.Select(c => c.GetProperty("kind").GetString()).Distinct().Order());
        Assert.All(captures, capture =>
        {
            var kind = capture.GetProperty("kind").GetString();
            Assert.Equal($"/v1/beacon/v1/{kind}", capture.GetProperty("path").GetString());
            Assert.Equal(ns, capture.GetProperty("namespace").GetString());
            Assert.Equal("protobuf", capture.GetProperty("encoding").GetString());
            Assert.Equal(200, capture.GetProperty("status").GetInt32());
            Assert.Equal(License, capture.GetProperty("license").GetString());
            Assert.Equal(License, capture.GetProperty("headers").GetProperty("X-Langchain-License-Key").GetString());
            Assert.StartsWith("OTel-OTLP-Exporter-Dotnet/", capture.GetProperty("headers").GetProperty("User-Agent").GetString());
            Assert.Empty(capture.GetProperty("findings").EnumerateArray());
        });
    }

    private static string UnixNanos(DateTime utc) => ((utc - DateTime.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);

    /// <summary>What <see cref="Telemetry.Emit"/> recorded: the two spans, and the exception logged as an error.</summary>
    private sealed record Sent(Activity Parent, Activity Child, Exception Error);

    /// <summary>
    /// The instrumented code: an activity source and a meter named for this test alone (both are
    /// process-wide), a service name the views filter on, and what it records.
    /// </summary>
    private sealed class Telemetry : IDisposable
    {
        public const string Version = "1.4.0";
        public const string Category = "Beacon.Tests.SdkExporter";

        public string Service { get; } = $"sdk-exporter-{Guid.NewGuid():N}";

        public string Name => $"beacon.tests.{Service}";

        private readonly ActivitySource _source;
        private readonly Meter _meter;

        public Telemetry()
        {
            _source = new ActivitySource(Name, Version);
            _meter = new Meter(Name, Version);
        }

        public Sent Emit(ILoggerFactory loggers)
        {
            var logger = loggers.CreateLogger(Category);
            Activity parent, child;
            using (parent = _source.StartActivity("POST /runs", ActivityKind.Server)!)
            using (child = _source.StartActivity("store run")!)
            {
                child.SetTag("run.id", "run-7")
                    .SetTag("run.attempt", 3)
                    .SetTag("run.cached", false)
                    .SetTag("run.score", 0.75)
                    .SetTag("run.tags", new[] { "eval", "nightly" });
                child.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["retry.delay_ms"] = 250 }));
                child.SetStatus(ActivityStatusCode.Error, "disk full");
                logger.LogWarning("Run {RunId} waited {WaitMs} ms in the queue", "run-7", 1200);
            }

            var created = _meter.CreateCounter<long>("runs.created", "{run}", "Runs created");
            created.Add(2, new KeyValuePair<string, object?>("run.kind", "eval"));
            created.Add(1, new KeyValuePair<string, object?>("run.kind", "eval"));
            var duration = _meter.CreateHistogram<double>("run.duration", "ms", null, tags: null,
                new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 50] });
            duration.Record(5);
            duration.Record(40);
            _meter.CreateObservableGauge("queue.depth", () => 21.5);
            var active = _meter.CreateUpDownCounter<int>("runs.active");
            active.Add(5);
            active.Add(-2);

            var error = new InvalidOperationException("the store refused the run");
            logger.LogError(error, "Export failed");
            return new Sent(parent, child, error);
        }

        public void Dispose()
        {
            _source.Dispose();
            _meter.Dispose();
        }
    }
}
