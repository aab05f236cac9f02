using System.Net;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>A rule touches only the requests it matches: by kind, license, namespace and path, each compared exactly.</summary>
public sealed class FaultMatchTests : IDisposable
{
    private readonly BeaconApplication _app = new();
    private readonly HttpClient _client;

    public FaultMatchTests() => _client = _app.CreateBeaconClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Namespace_ARuleScopedToT1_LeavesThePlainRoutesAndOtherNamespacesAlone()
    {
        await _client.AddFaultAsync("""{"match": {"namespace": "t1"}, "status": 503}""");

        var plain = await _client.VerifyAsync();
        var other = await _client.VerifyAsync(prefix: "/ns/t2");
        var scoped = await _client.VerifyAsync(prefix: "/ns/t1");
        var scopedTraces = await _client.PostProtobufAsync("/ns/t1" + Infrastructure.Otlp.Traces, OtlpMessages.Traces());

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable],
            [plain.StatusCode, other.StatusCode, scoped.StatusCode, scopedTraces.StatusCode]);
        Assert.Equal(14, (await scopedTraces.ReadStatusAsync(Infrastructure.Otlp.Protobuf)).Code);
        var captures = await _client.CapturesAsync();
        Assert.Equal([null, null, 1L, 1L], captures.Select(c => c.FaultId()));
        Assert.Equal([null, "t2", "t1", "t1"], captures.Select(c => c.GetProperty("namespace").GetString()));
    }

    [Fact]
    public async Task Path_IsTheCapturedPath_WhateverTheNamespacePrefix()
    {
        // Both paths are captured as "metadata"; only the path tells them apart.
        await _client.AddFaultAsync("""{"match": {"path": "/v1/metadata/submit"}, "status": 503}""");
        var body = Wire.Sample("metadata-submit-request");

        var beaconPath = await _client.PostJsonAsync("/v1/beacon/metadata/submit", body);
        var langGraphPath = await _client.PostJsonAsync("/v1/metadata/submit", body);
        var underNamespace = await _client.PostJsonAsync("/ns/t9/v1/metadata/submit", body);

        Assert.True(beaconPath.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, langGraphPath.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, underNamespace.StatusCode);
        Assert.Equal([null, 1L, 1L], (await _client.CapturesAsync()).Select(c => c.FaultId()));
    }

    [Fact]
    public async Task License_FromTheBodyOrTheOtlpHeader_MustBeExactlyTheRulesLicense()
    {
        await _client.AddFaultAsync("""{"match": {"license": "lcl_x"}, "status": 403}""");

        var matching = await _client.VerifyAsync("lcl_x");
        var other = await _client.VerifyAsync("lcl_xy");
        var traces = new HttpRequestMessage(HttpMethod.Post, Infrastructure.Otlp.Traces)
        {
            Content = Infrastructure.Otlp.Content(Google.Protobuf.MessageExtensions.ToByteArray(OtlpMessages.Traces()), Infrastructure.Otlp.Protobuf),
        };
        traces.Headers.Add("X-Langchain-License-Key", "lcl_x");
        var otlp = await _client.SendAsync(traces);

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden],
            [matching.StatusCode, other.StatusCode, otlp.StatusCode]);
        Assert.Equal([1L, null, 1L], (await _client.CapturesAsync()).Select(c => c.FaultId()));
    }

    [Fact]
    public async Task Kind_OnlyThatKindIsFaulted()
    {
        await _client.AddFaultAsync("""{"match": {"kind": "logs"}, "status": 503}""");

        var traces = await _client.PostProtobufAsync(Infrastructure.Otlp.Traces, OtlpMessages.Traces());
        var logs = await _client.PostProtobufAsync(Infrastructure.Otlp.Logs, OtlpMessages.Logs());
        var verify = await _client.VerifyAsync();

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            [traces.StatusCode, logs.StatusCode, verify.StatusCode]);
    }

    [Fact]
    public async Task EmptyMatch_FaultsEveryWireRoute_ButNeverTheMocksOwnApi()
    {
        await _client.AddFaultAsync("""{"match": {}, "status": 502}""");

        var verify = await _client.VerifyAsync();
        var auth = await _client.GetAsync("/auth");
        var metrics = await _client.PostProtobufAsync(Infrastructure.Otlp.Metrics, OtlpMessages.Metrics());
        var health = await _client.GetAsync("/healthz");
        var captures = await _client.GetAsync("/mock/captures");

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway], [verify.StatusCode, auth.StatusCode, metrics.StatusCode]);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (health.StatusCode, captures.StatusCode));
        Assert.Equal(3, (await _client.FaultAsync(1)).GetProperty("fired").GetInt64());
    }
}
