using System.Net;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>
/// The pipeline tells each observer once about every wire request's capture, as it built it at receipt (numbered, its
/// payload as decoded there), so nothing is read back from the store; what an observer answers is on the capture once
/// it completes.
/// </summary>
public sealed class CaptureObserverTests : IDisposable
{
    private readonly Recording _observer = new();
    private readonly BeaconApplication _base = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;
    private readonly HttpClient _client;

    public CaptureObserverTests()
    {
        _app = _base.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ICaptureObserver>(_observer)));
        _client = _app.CreateClient();
    }

    private CaptureStore Store => _app.Services.GetRequiredService<CaptureStore>();

    [Fact]
    public async Task EachWireRequest_IsToldOnce_Numbered_WithThePayloadAsDecodedAtReceipt()
    {
        await _client.PostJsonAsync("/v1/beacon/verify", Wire.Sample("verify-request"));
        await _client.PostOtlpJsonAsync("/v1/beacon/v1/logs", Wire.Sample("otlp-logs-request"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostJsonAsync("/v1/beacon/nowhere", "{}")).StatusCode);

        Assert.Equal(["verify", "logs", "unmatched"], _observer.Told.Select(c => c.Kind));
        Assert.Equal([1L, 2L, 3L], _observer.Told.Select(c => c.Sequence));
        Assert.All(_observer.Told, c => Assert.Null(c.Status));
        // The route's own finding (the 404 named) first, the observers' (the egress audit's, this one's) after it.
        var findings = Store.Find(3)!.Findings;
        Assert.Equal("URL", findings[0].Path);
        Assert.Equal("seen unmatched", findings[^1].Message);
        var values = new Values();
        _observer.Told[1].Payload!.Visit(values);
        Assert.Contains("resourceLogs[].scopeLogs[].logRecords[].body.stringValue", values.Fields);
    }

    [Fact]
    public async Task TheObserversFindings_AreOnTheCapture_WhenItCompletes_EvenAfterADelay()
    {
        var delaying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _app.Services.GetRequiredService<FaultHook>().Delaying += _ => delaying.TrySetResult();
        await _client.AddFaultAsync("""{"match": {"kind": "verify"}, "delayMs": 5000}""");

        var pending = _client.PostJsonAsync("/v1/beacon/verify", Wire.Sample("verify-request"));
        await delaying.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(_observer.Told);
        _base.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await pending.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);

        var capture = Store.Find(Store.Stats.LastSequence)!;
        Assert.Equal(200, capture.Status);
        Assert.Single(capture.Findings, f => f.Message == "seen verify");
        Assert.Single(_observer.Told);
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        _base.Dispose();
    }

    private sealed class Recording : ICaptureObserver
    {
        public List<Capture> Told { get; } = [];

        public IReadOnlyList<Finding> Received(Capture capture)
        {
            Told.Add(capture);
            return [new Finding("$", $"seen {capture.Kind}")];
        }
    }

    private sealed class Values : IPayloadVisitor
    {
        public List<string> Fields { get; } = [];

        public void Visit(in PayloadValue value) => Fields.Add(value.Field.ToString());
    }
}
