using System.Net;
using System.Net.Http.Json;
using Beacon.MockServer.Client;
using Beacon.MockServer.Testing;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Beacon.MockServer.Tests.Testing;

/// <summary>The typed configuration reaches a real mock: each method does what its documented key does.</summary>
public sealed class BeaconMockOptionsTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AddFault_IsAConfiguredRule_InForceFromStart()
    {
        await using var mock = await BeaconMock.StartAsync(o => o.AddFault(new() { Match = new() { Kind = CaptureKind.Verify }, Status = 503, RetryAfter = 7, Times = 1 }));
        using var wire = mock.CreateWireClient();

        var faulted = await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_demo" });
        var next = await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_demo" });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(7), HttpStatusCode.OK), (faulted.StatusCode, faulted.Headers.RetryAfter?.Delta, next.StatusCode));
        var rule = Assert.Single((await mock.Client.GetFaultsAsync()).Items);
        Assert.Equal((true, 1L, true, CaptureKind.Verify), (rule.Configured, rule.Fired, rule.Spent, rule.Match.Kind));
    }

    [Fact]
    public async Task TokenLifetimeAndHs256_ShapeTheTokensVerifyIssues()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 6, 10, 0, 0, TimeSpan.Zero));
        await using var mock = await BeaconMock.StartAsync(o =>
        {
            o.WithTokenLifetime(TimeSpan.FromSeconds(60)).WithHs256Tokens("a-shared-secret-of-at-least-32-bytes!");
            o.TimeProvider = clock;
        });
        using var wire = mock.CreateWireClient();

        var answer = await (await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_demo" })).Content.ReadFromJsonAsync<Dictionary<string, string>>();
        var verify = (await mock.Client.WaitForCapturesAsync<VerifyCapture>(new() { Timeout = Soon })).Items[0];

        Assert.Equal("HS256", new JsonWebToken(answer!["token"]).Alg);
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), verify.Details?.ExpiresAt);
    }

    [Fact]
    public async Task WithUpstream_PassesTheNamedKindsThroughToAnotherBeacon()
    {
        await using var upstream = await BeaconMock.StartAsync();
        await using var mock = await BeaconMock.StartAsync(o => o.WithUpstream(upstream.WireBaseAddress, CaptureKind.Verify));
        using var wire = mock.CreateWireClient();

        await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_passed" });
        await wire.PostAsync("v1/beacon/v1/logs", Wire.Json("""{"resourceLogs":[]}"""));

        var forwarded = (await upstream.Client.WaitForCapturesAsync<VerifyCapture>(new() { Timeout = Soon })).Items[0];
        var here = (await mock.Client.WaitForCapturesAsync(new() { Count = 2, Timeout = Soon })).Items;
        Assert.Equal("lcl_passed", forwarded.Payload?.License);
        Assert.Equal([(CaptureKind.Verify, 200), (CaptureKind.Logs, (int?)null)], here.Select(c => (c.Kind, c.Upstream?.Status)));
        Assert.Empty((await upstream.Client.GetCapturesAsync(new() { Kind = CaptureKind.Logs })).Items);
    }

    [Fact]
    public async Task WithStrictOtlp_RejectsItemsThatBreakTheRules()
    {
        await using var mock = await BeaconMock.StartAsync(o => o.WithStrictOtlp());
        using var wire = mock.CreateWireClient();

        await wire.PostAsync("v1/beacon/v1/traces", Wire.Json(Wire.Sample("otlp-traces-request")));

        var traces = (await mock.Client.WaitForCapturesAsync<TracesCapture>(new() { Timeout = Soon })).Items[0];
        Assert.Equal((2, 0), (traces.Details?.Rejected, traces.Details?.Items));
    }

    [Fact]
    public async Task CreateWireClient_SendsUnderANamespace_WhenGivenOne()
    {
        await using var mock = await BeaconMock.StartAsync();
        using var t1 = mock.CreateWireClient("t1");

        await t1.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_t1" });

        var verifies = await mock.Client.ForNamespace("t1").WaitForCapturesAsync<VerifyCapture>(new() { Timeout = Soon });
        Assert.Equal(new Uri(mock.WireBaseAddress, "ns/t1/"), t1.BaseAddress);
        Assert.Equal(("t1", "lcl_t1"), (verifies.Items[0].Capture.Namespace, verifies.Items[0].Capture.License));
    }

    [Fact]
    public async Task TypedLists_KeepTheListsSequenceAndTotal()
    {
        await using var mock = await BeaconMock.StartAsync();
        using var wire = mock.CreateWireClient();
        await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_one" });
        await wire.PostAsync("v1/beacon/v1/logs", Wire.Json("""{"resourceLogs":[]}"""));
        await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_two" });

        var waited = await mock.Client.WaitForCapturesAsync<VerifyCapture>(new() { Count = 2, Timeout = Soon });
        var listed = await mock.Client.GetCapturesAsync<VerifyCapture>(new() { Limit = 1, Order = ListOrder.NewestFirst });

        Assert.Equal((2, 3L), (waited.Total, waited.LastSequence));
        Assert.Equal(["lcl_one", "lcl_two"], waited.Items.Select(v => v.Payload?.License));
        Assert.Equal((2, 3L, "lcl_two"), (listed.Total, listed.LastSequence, Assert.Single(listed.Items).Payload?.License));
    }
}
