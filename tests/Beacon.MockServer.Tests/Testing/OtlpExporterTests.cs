using System.Diagnostics;
using System.Diagnostics.Metrics;
using Beacon.MockServer.Client;
using Beacon.MockServer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Beacon.MockServer.Tests.Testing;

/// <summary>
/// The README's two ways of pointing the .NET OpenTelemetry exporter (OpenTelemetry.Exporter.OpenTelemetryProtocol) at a
/// <see cref="BeaconMock"/>, with the addresses it gives: the base by the SDK's environment variables, and each signal's
/// full URL in code. ForceFlush returns once the mock has answered the export, so the views are read, not waited on.
/// </summary>
public sealed class OtlpExporterTests : IAsyncLifetime
{
    private const string License = "lcl_otel";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly string _service = $"otlp-exporter-{Guid.NewGuid():N}";
    private BeaconMock _mock = null!;

    private string Source => $"beacon.tests.{_service}";

    public async Task InitializeAsync() => _mock = await BeaconMock.StartAsync();

    public async Task DisposeAsync() => await _mock.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("t1")]
    public async Task ByEnvironmentVariables_TheBaseEndpoint_TheSdkAddsEachSignalsPath(string? ns)
    {
        var client = ns is null ? _mock.Client : _mock.Client.ForNamespace(ns);
        // The variables a deployment sets, given to this SDK instance alone through its configuration (which is where
        // the SDK reads environment variables from): the process's own are shared by tests running in parallel.
        var variables = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = client.OtlpEndpoint.AbsoluteUri,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"X-Langchain-License-Key={License}",
            ["OTEL_SERVICE_NAME"] = _service,
        }).Build();
        using var sdk = OpenTelemetrySdk.Create(builder =>
        {
            builder.Services.AddSingleton<IConfiguration>(variables);
            builder.WithTracing(t => t.AddSource(Source)).WithMetrics(m => m.AddMeter(Source)).WithLogging().UseOtlpExporter();
        });

        Emit(sdk.GetLoggerFactory());
        Assert.True(sdk.TracerProvider.ForceFlush() && sdk.MeterProvider.ForceFlush() && sdk.LoggerProvider.ForceFlush());

        await AssertArrivedAsync(client, ns);
    }

    [Fact]
    public async Task InCode_EachSignalsEndpointIsItsFullUrl()
    {
        using var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(Resource()).AddSource(Source)
            .AddOtlpExporter(o => SendTo(o, _mock.OtlpTracesEndpoint)).Build();
        using var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(Resource()).AddMeter(Source)
            .AddOtlpExporter(o => SendTo(o, _mock.OtlpMetricsEndpoint)).Build();
        using var logging = new ServiceCollection()
            .AddLogging(l => l.AddOpenTelemetry(o => o.SetResourceBuilder(Resource()).AddOtlpExporter(e => SendTo(e, _mock.OtlpLogsEndpoint))))
            .BuildServiceProvider();

        Emit(logging.GetRequiredService<ILoggerFactory>());
        Assert.True(tracing.ForceFlush() && metrics.ForceFlush() && logging.GetRequiredService<LoggerProvider>().ForceFlush());

        await AssertArrivedAsync(_mock.Client, ns: null);
    }

    /// <summary>With HttpProtobuf, an endpoint set in code is used as it is: it must be the receiver's whole URL.</summary>
    private static void SendTo(OtlpExporterOptions options, Uri endpoint)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = endpoint;
        options.Headers = $"X-Langchain-License-Key={License}";
    }

    private ResourceBuilder Resource() => ResourceBuilder.CreateEmpty().AddService(_service);

    /// <summary>A span with a child, a counter, and a log record inside the child: what a product would send.</summary>
    private void Emit(ILoggerFactory loggers)
    {
        using var source = new ActivitySource(Source);
        using var meter = new Meter(Source);
        var logger = loggers.CreateLogger("Beacon.Tests.OtlpExporter");
        using (source.StartActivity("POST /runs", ActivityKind.Server))
        using (source.StartActivity("store run"))
            logger.LogWarning("Run {RunId} stored", "run-7");
        meter.CreateCounter<long>("runs.created").Add(3);
    }

    private async Task AssertArrivedAsync(BeaconMockClient client, string? ns)
    {
        var spans = await client.WaitForSpansAsync(new() { Service = _service, Count = 2, Timeout = Soon });
        var points = await client.WaitForMetricPointsAsync(new() { Service = _service, Name = "runs.created", Timeout = Soon });
        var logs = await client.WaitForLogRecordsAsync(new() { Service = _service, Contains = "stored", Timeout = Soon });
        var captures = await client.GetCapturesAsync();

        Assert.Equal(["store run", "POST /runs"], spans.Items.Select(s => s.Name));
        Assert.Equal(spans.Items[1].SpanId, spans.Items[0].ParentSpanId);
        Assert.Equal(3.0, Assert.Single(points.Items).Value);
        var log = Assert.Single(logs.Items);
        Assert.Equal((13, spans.Items[0].SpanId), (log.SeverityNumber, log.SpanId));
        Assert.Equal([CaptureKind.Traces, CaptureKind.Metrics, CaptureKind.Logs], captures.Items.Select(c => c.Kind).Distinct().Order());
        Assert.All(captures.Items, c =>
        {
            Assert.Equal(($"/v1/beacon/v1/{c.Kind.ToString().ToLowerInvariant()}", ns, 200, License), (c.Path, c.Namespace, c.Status, c.License));
            Assert.Empty(c.Findings);
        });
    }
}
