using Beacon.MockServer.Client;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Client;

/// <summary>What the mock says when a test fails, read typed: the near misses of a wait that timed out, and the answer a capture got.</summary>
public sealed class WhenATestFailsClientTests : HostedTest
{
    [Fact]
    public async Task AWaitThatTimesOut_Throws_WithItsFiltersAndNearMissesTyped()
    {
        var mock = new BeaconMockClient(Client);
        var wait = mock.WaitForCapturesAsync(new() { Kind = CaptureKind.Verify, Namespace = "t1", Timeout = TimeSpan.FromSeconds(1) });
        await App.Store().WhenWaitersAsync(n => n == 1);
        await Client.PostOtlpJsonAsync("/ns/t1/v1/v1/traces", """{"resourceSpans":[]}""");

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var timeout = await Assert.ThrowsAsync<BeaconMockWaitTimeoutException>(() => wait.WaitAsync(Waiting.Bound));

        Assert.Equal("verify", timeout.Filters["kind"]);
        Assert.Equal("t1", timeout.Filters["namespace"]);
        var miss = Assert.Single(timeout.NearMisses);
        Assert.Equal(("unmatched", "t1", "POST /v1/v1/traces", 1), (miss.Kind, miss.Namespace, miss.Path, miss.Count));
        Assert.Equal(["kind"], miss.Differs);
        Assert.Contains("1 unmatched (POST /v1/v1/traces) in namespace t1 (kind differs)", timeout.Message);
    }

    [Fact]
    public async Task ACapture_CarriesTheAnswerItGot_Typed()
    {
        var mock = new BeaconMockClient(Client);
        await Client.PostJsonAsync("/v1/beacon/verify", """{"licence": "lcl_misspelled"}""");

        var capture = Assert.Single((await mock.GetCapturesAsync()).Items);

        Assert.Equal(400, capture.Response?.Status);
        Assert.Equal("application/problem+json", capture.Response?.Headers["Content-Type"]);
        Assert.Equal("is required and must be a non-empty string", capture.Response?.Body?.GetProperty("errors").GetProperty("license")[0].GetString());
        Assert.Contains(capture.Findings, f => f.Path == "license" && f.Message == "is required and must be a non-empty string");
    }
}
