using System.Diagnostics;
using System.Net;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>
/// Faults as real clients meet them, over a loopback port served by Kestrel: a dropped connection is a
/// connection error, and the OpenTelemetry SDK's exporter retries a 503 with Retry-After and lands its data.
/// </summary>
public sealed class FaultNetworkTests() : HostedTest(onLoopback: true)
{
    [Fact]
    public async Task DroppedConnection_IsSeenByAnHttpClientAsAConnectionError()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "dropConnection": true, "times": 1}""");
        using var plain = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => plain.VerifyAsync());

        Assert.Null(error.StatusCode);
        var capture = Assert.Single(await Client.CapturesAsync("?kind=verify"));
        Assert.Equal((1L, 444), (capture.FaultId(), capture.GetProperty("status").GetInt32()));
        // The rule was for one request: the connection after it is answered as usual.
        Assert.Equal(HttpStatusCode.OK, (await plain.VerifyAsync()).StatusCode);
    }

    [Fact]
    public async Task OpenTelemetryExporter_RetriesAfterA503WithRetryAfter_AndItsDataLandsOnTheRetry()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "traces"}, "status": 503, "retryAfter": 1, "times": 1}""");
        var service = $"fault-retry-{Guid.NewGuid():N}";
        using var source = new ActivitySource(service);
        // OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY=in_memory turns on the 1.x SDK's retry of transient failures
        // (429, 502, 503, 504), which waits as long as Retry-After says. Given to this SDK instance only:
        // environment variables are process-wide and the tests run in parallel.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory" })
            .Build();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(service))
            .AddSource(service)
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(Client.BaseAddress!, Infrastructure.Otlp.Traces);
                // The simple processor exports as the span ends, retry included, so the span's end is the
                // moment the export is over. The batch processor's ForceFlush can return mid-retry.
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build();

        var started = Stopwatch.StartNew();
        using (source.StartActivity("checkout"))
        {
        }

        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), $"the retry came after {started.Elapsed}, sooner than Retry-After");
        var captures = await Client.CapturesAsync("?kind=traces");
        Assert.Equal([(1L, 503), (null, 200)], captures.Select(c => (c.FaultId(), c.GetProperty("status").GetInt32())));
        Assert.Equal(captures[0].GetProperty("payload").GetRawText(), captures[1].GetProperty("payload").GetRawText());
        var span = Assert.Single(await Client.ViewAsync("spans", $"?service={service}"));
        Assert.Equal("checkout", span.GetProperty("name").GetString());
        Assert.Equal(captures[1].GetProperty("sequence").GetInt64(), span.GetProperty("sequence").GetInt64());
    }
}
