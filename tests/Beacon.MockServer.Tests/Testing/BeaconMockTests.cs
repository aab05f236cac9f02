using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Client;
using Beacon.MockServer.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.MockServer.Tests.Testing;

public sealed class BeaconMockTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StartAsync_ListensOnAFreeLoopbackPortOfItsOwn()
    {
        await using var first = await BeaconMock.StartAsync();
        await using var second = await BeaconMock.StartAsync();

        Assert.Equal(("http", "127.0.0.1"), (first.WireBaseAddress.Scheme, first.WireBaseAddress.Host));
        Assert.NotEqual(first.WireBaseAddress.Port, second.WireBaseAddress.Port);
        Assert.Equal("ready", (await first.Client.GetHealthAsync()).Status);
        Assert.Null(first.HttpsWireBaseAddress);
    }

    [Fact]
    public async Task Settings_AndLicenses_AreTheMocksConfiguration()
    {
        await using var mock = await BeaconMock.StartAsync(o =>
        {
            o.RequireKnownLicense().AddLicense("lcl_known", id: "customer-1").AddLicense("lcl_revoked", LicenseStatus.Revoked);
        });
        using var http = mock.CreateWireClient();

        var known = await http.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_known" });
        var unknown = await http.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_stranger" });
        var revoked = await http.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_revoked" });
        var verifies = await mock.Client.WaitForCapturesAsync<VerifyCapture>(new() { Count = 3, Timeout = Soon });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (known.StatusCode, unknown.StatusCode, revoked.StatusCode));
        Assert.Equal(["customer-1", null, null], verifies.Items.Select(v => v.Details?.Subject));
        Assert.Equal([null, "unknown", "revoked"], verifies.Items.Select(v => v.Details?.Refusal));
    }

    [Fact]
    public async Task TimeProvider_IsTheMocksClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 6, 10, 0, 0, TimeSpan.Zero));
        await using var mock = await BeaconMock.StartAsync(o => o.TimeProvider = clock);
        using var http = mock.CreateWireClient();

        await http.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_clock" });
        var verify = (await mock.Client.WaitForCapturesAsync<VerifyCapture>(new() { Timeout = Soon })).Items[0];

        Assert.Equal(clock.GetUtcNow(), verify.Capture.ReceivedAt);
        Assert.Equal(clock.GetUtcNow().AddMinutes(5), verify.Details?.ExpiresAt);
    }

    [Fact]
    public async Task Stage_ReceivedSeesARequestStillHeld_WhileCompletedDoesNotCountItYet()
    {
        // A fake clock that never moves holds the delayed verify for as long as the test runs.
        await using var mock = await BeaconMock.StartAsync(o => o.TimeProvider = new FakeTimeProvider());
        using var http = mock.CreateWireClient();
        await mock.Client.AddFaultAsync(new() { Match = new() { Kind = CaptureKind.Verify }, DelayMs = 60_000 });

        var held = http.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_held" });
        var received = await mock.Client.WaitForCapturesAsync(new() { Timeout = Soon, Stage = CaptureStage.Received });
        var completed = await Assert.ThrowsAsync<BeaconMockWaitTimeoutException>(() =>
            mock.Client.WaitForCapturesAsync(new() { Timeout = TimeSpan.Zero, Stage = CaptureStage.Completed }));

        var capture = Assert.Single(received.Items);
        Assert.Equal(("lcl_held", null, 1L), (capture.License, capture.Status, capture.FaultId));
        Assert.Equal((1, 0), (completed.Expected, completed.Matched));
        Assert.False(held.IsCompleted);
    }

    [Fact]
    public async Task ABadSetting_StopsTheStartWithTheKeyNamed()
    {
        var bad = await Assert.ThrowsAsync<OptionsValidationException>(() => BeaconMock.StartAsync(o => o.Settings["Beacon:Token:LifetimeSeconds"] = "0"));

        Assert.Contains("Beacon:Token:LifetimeSeconds", bad.Message);
    }

    [Fact]
    public async Task LogTo_ReceivesTheMocksLogLines()
    {
        var lines = new List<string>();
        await using var mock = await BeaconMock.StartAsync(o =>
        {
            o.MinimumLogLevel = LogLevel.Information;
            o.LogTo = line => { lock (lines) lines.Add(line); };
        });

        await mock.Client.GetCapturesAsync();

        lock (lines)
            Assert.Contains(lines, l => l.Contains("GET /mock/captures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Https_ServesWithACertificateFromTheMocksCa()
    {
        await using var mock = await BeaconMock.StartAsync(o => o.Https = true);
        using var ca = X509Certificate2.CreateFromPem(await mock.Client.GetCaCertificatePemAsync());
        using var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(certificate);
        };
        using var https = new HttpClient(handler) { BaseAddress = mock.HttpsWireBaseAddress };

        var health = await https.GetAsync("healthz");

        Assert.Equal(("https", "127.0.0.1"), (mock.HttpsWireBaseAddress?.Scheme, mock.HttpsWireBaseAddress?.Host));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_StopsListening_EvenWithAStreamOpen()
    {
        var mock = await BeaconMock.StartAsync();
        using var http = mock.CreateWireClient();
        await http.PostAsync("v1/beacon/verify", new StringContent("""{"license": "lcl_stream"}""", System.Text.Encoding.UTF8, "application/json"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stream = mock.Client.StreamCapturesAsync(cancellationToken: cancel.Token).GetAsyncEnumerator(cancel.Token);
        // The stored capture comes first: once it has, the stream is open on the server, waiting for the next.
        Assert.True(await stream.MoveNextAsync());
        var next = stream.MoveNextAsync().AsTask();

        await mock.DisposeAsync();

        // The server ends its open streams as it stops: the client sees the stream end, or its connection close.
        var failure = await Record.ExceptionAsync(async () => Assert.False(await next));
        Assert.True(failure is null or HttpRequestException or IOException, $"the stream ended with {failure}");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("healthz"));
        Assert.False(cancel.IsCancellationRequested);
    }
}
