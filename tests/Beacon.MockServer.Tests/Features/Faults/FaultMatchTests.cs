using System.Net;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>A rule touches only the requests it matches: by kind, license, namespace and path, each compared exactly.</summary>
public sealed class FaultMatchTests : HostedTest
{
    [Fact]
    public async Task Namespace_ARuleScopedToT1_LeavesThePlainRoutesAndOtherNamespacesAlone()
    {
        await Client.AddFaultAsync("""{"match": {"namespace": "t1"}, "status": 503}""");

        var plain = await Client.VerifyAsync();
        var other = await Client.VerifyAsync(prefix: "/ns/t2");
        var scoped = await Client.VerifyAsync(prefix: "/ns/t1");
        var scopedTraces = await Client.PostProtobufAsync("/ns/t1" + Infrastructure.Otlp.Traces, OtlpMessages.Traces());

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable],
            [plain.StatusCode, other.StatusCode, scoped.StatusCode, scopedTraces.StatusCode]);
        Assert.Equal(14, (await scopedTraces.ReadStatusAsync(Infrastructure.Otlp.Protobuf)).Code);
        var captures = await Client.CapturesAsync();
        Assert.Equal([null, null, 1L, 1L], captures.Select(c => c.FaultId()));
        Assert.Equal([null, "t2", "t1", "t1"], captures.Select(c => c.GetProperty("namespace").GetString()));
    }

    [Fact]
    public async Task Path_IsTheCapturedPath_WhateverTheNamespacePrefix()
    {
        // Both paths are captured as "metadata"; only the path tells them apart.
        await Client.AddFaultAsync("""{"match": {"path": "/v1/metadata/submit"}, "status": 503}""");
        var body = Wire.Sample("metadata-submit-request");

        var beaconPath = await Client.PostJsonAsync("/v1/beacon/metadata/submit", body);
        var langGraphPath = await Client.PostJsonAsync("/v1/metadata/submit", body);
        var underNamespace = await Client.PostJsonAsync("/ns/t9/v1/metadata/submit", body);

        Assert.True(beaconPath.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, langGraphPath.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, underNamespace.StatusCode);
        Assert.Equal([null, 1L, 1L], (await Client.CapturesAsync()).Select(c => c.FaultId()));
    }

    [Fact]
    public async Task License_FromTheBodyOrTheOtlpHeader_MustBeExactlyTheRulesLicense()
    {
        await Client.AddFaultAsync("""{"match": {"license": "lcl_x"}, "status": 403}""");

        var matching = await Client.VerifyAsync("lcl_x");
        var other = await Client.VerifyAsync("lcl_xy");
        var traces = new HttpRequestMessage(HttpMethod.Post, Infrastructure.Otlp.Traces)
        {
            Content = Infrastructure.Otlp.Content(Google.Protobuf.MessageExtensions.ToByteArray(OtlpMessages.Traces()), Infrastructure.Otlp.Protobuf),
        };
        traces.Headers.Add("X-Langchain-License-Key", "lcl_x");
        var otlp = await Client.SendAsync(traces);

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden],
            [matching.StatusCode, other.StatusCode, otlp.StatusCode]);
        Assert.Equal([1L, null, 1L], (await Client.CapturesAsync()).Select(c => c.FaultId()));
    }

    [Fact]
    public async Task Kind_OnlyThatKindIsFaulted()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "logs"}, "status": 503}""");

        var traces = await Client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());
        var logs = await Client.PostProtobufAsync(Infrastructure.Otlp.Logs, OtlpMessages.Logs());
        var verify = await Client.VerifyAsync();

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            [traces.StatusCode, logs.StatusCode, verify.StatusCode]);
    }

    [Fact]
    public async Task EmptyMatch_FaultsEveryWireRoute_ButNeverTheMocksOwnApi()
    {
        await Client.AddFaultAsync("""{"match": {}, "status": 502}""");

        var verify = await Client.VerifyAsync();
        var auth = await Client.GetAsync("/auth");
        var metrics = await Client.PostProtobufAsync(Infrastructure.Otlp.Metrics, OtlpMessages.Metrics());
        var health = await Client.GetAsync("/healthz");
        var captures = await Client.GetAsync("/mock/captures");

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway], [verify.StatusCode, auth.StatusCode, metrics.StatusCode]);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (health.StatusCode, captures.StatusCode));
        Assert.Equal(3, (await Client.FaultAsync(1)).GetProperty("fired").GetInt64());
    }
}
