using Beacon.MockServer.Client;

namespace Beacon.MockServer.Tests.Client;

public sealed class NamespaceClientTests(SharedMock shared) : IClassFixture<SharedMock>
{
    [Fact]
    public void ForNamespace_SendsWireRequestsUnderTheNamespacePrefix()
    {
        var t1 = shared.Mock.Client.ForNamespace("t1");

        Assert.Equal("t1", t1.Namespace);
        Assert.Equal(new Uri(shared.Mock.WireBaseAddress, "ns/t1/"), t1.WireBaseAddress);
        Assert.Equal(new Uri(shared.Mock.WireBaseAddress, "ns/t1/v1/beacon/verify"), t1.WireUri("/v1/beacon/verify"));
        Assert.Equal(new Uri(shared.Mock.WireBaseAddress, "ns/t1/v1/beacon/"), t1.OtlpEndpoint);
        Assert.Equal(new Uri(shared.Mock.WireBaseAddress, "ns/t1/v1/beacon/v1/traces"), t1.OtlpTracesEndpoint);
        Assert.Null(shared.Mock.Client.Namespace);
        Assert.Equal(shared.Mock.WireBaseAddress, shared.Mock.Client.WireBaseAddress);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void ForNamespace_RefusesANameNoRequestCouldCarry(string ns) =>
        Assert.Throws<ArgumentException>(() => shared.Mock.Client.ForNamespace(ns));

    [Fact]
    public async Task NamespacedClient_SeesOnlyItsNamespace_TheUnscopedClientSeesAll()
    {
        var a = shared.NewNamespace();
        var b = shared.NewNamespace();
        await shared.VerifyAsync(a, "lcl_in_a");
        await shared.VerifyAsync(b, "lcl_in_b");

        var inA = await a.GetCapturesAsync();
        var everywhere = await shared.Mock.Client.GetCapturesAsync(new() { Kind = CaptureKind.Verify, Limit = 1000 });
        var named = await shared.Mock.Client.GetCapturesAsync(new() { Namespace = b.Namespace });

        Assert.Equal([("lcl_in_a", a.Namespace)], inA.Items.Select(c => (c.License, c.Namespace)));
        Assert.Contains(everywhere.Items, c => c.Namespace == a.Namespace);
        Assert.Contains(everywhere.Items, c => c.Namespace == b.Namespace);
        Assert.Equal(["lcl_in_b"], named.Items.Select(c => c.License));
    }

    [Fact]
    public async Task NamespacedClient_RefusesAQueryForAnotherNamespace()
    {
        var a = shared.NewNamespace();

        await Assert.ThrowsAsync<ArgumentException>(() => a.GetCapturesAsync(new() { Namespace = "elsewhere" }));
        await Assert.ThrowsAsync<ArgumentException>(() => a.GetSpansAsync(new() { Namespace = "elsewhere" }));
    }

    [Fact]
    public async Task Reset_InANamespace_ClearsOnlyThatNamespace()
    {
        var a = shared.NewNamespace();
        var b = shared.NewNamespace();
        await shared.VerifyAsync(a, "lcl_a");
        await shared.VerifyAsync(b, "lcl_b");

        await a.ResetAsync();

        Assert.Empty((await a.GetCapturesAsync()).Items);
        Assert.Single((await b.GetCapturesAsync()).Items);
    }

    [Fact]
    public async Task Licenses_SetInANamespace_ApplyOnlyThere()
    {
        var a = shared.NewNamespace();
        var b = shared.NewNamespace();
        await a.SetLicenseAsync("lcl_scoped", new() { Status = LicenseStatus.Revoked });

        var refused = await shared.VerifyAsync(a, "lcl_scoped");
        var accepted = await shared.VerifyAsync(b, "lcl_scoped");

        Assert.Equal((403, 200), ((int)refused.StatusCode, (int)accepted.StatusCode));
        Assert.Equal("revoked", (await a.GetCapturesAsync()).Items[0].Refusal);
        Assert.Equal(LicenseStatus.Revoked, (await a.GetLicenseAsync("lcl_scoped")).Status);
        Assert.Null((await b.GetLicenseAsync("lcl_scoped")).Status);
    }

    [Fact]
    public async Task Faults_AddedInANamespace_MatchOnlyThatNamespace()
    {
        var a = shared.NewNamespace();
        var b = shared.NewNamespace();

        var rule = await a.AddFaultAsync(new() { Status = 503, Match = new() { Kind = CaptureKind.Verify } });
        var faulted = await shared.VerifyAsync(a, "lcl_x");
        var answered = await shared.VerifyAsync(b, "lcl_x");

        Assert.Equal(a.Namespace, rule.Match.Namespace);
        Assert.Equal((503, 200), ((int)faulted.StatusCode, (int)answered.StatusCode));
        Assert.Equal([rule.Id], (await a.GetFaultsAsync()).Items.Select(r => r.Id));
        Assert.Empty((await b.GetFaultsAsync()).Items);
        await a.DeleteFaultsAsync();
        Assert.Empty((await a.GetFaultsAsync()).Items);
    }
}
