using System.Net;
using Beacon.MockServer.Client;

namespace Beacon.MockServer.Tests.Client;

/// <summary>What the client puts on the URL: only the parameters given, escaped, named as the mock documents them.</summary>
public sealed class QueryStringTests
{
    [Fact]
    public async Task Wait_SendsEveryGivenParameter_AndNothingElse()
    {
        var (client, requests) = Recording();

        await client.ForNamespace("t1").WaitForCapturesAsync(
            new() { Kind = CaptureKind.Verify, License = "a b&c", After = 7, Limit = 5, Order = ListOrder.NewestFirst, Count = 2, Timeout = TimeSpan.FromSeconds(1.5), Stage = CaptureStage.Completed });
        await client.GetSpansAsync();

        Assert.Equal(
            "http://mock:8080/prefix/mock/captures/wait?kind=verify&license=a%20b%26c&namespace=t1&after=7&limit=5&order=desc&count=2&timeoutMs=1500&stage=completed",
            requests[0].RequestUri!.AbsoluteUri);
        Assert.Equal("http://mock:8080/prefix/mock/otlp/spans", requests[1].RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Kinds_AreSentByTheMocksNames_AndUnknownIsNeverSent()
    {
        var (client, requests) = Recording();

        await client.DeleteCapturesAsync(CaptureKind.IngestTraces);
        await client.GetCapturesAsync<UsageSnapshotCapture>();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetCapturesAsync(new() { Kind = CaptureKind.Unknown }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.WaitForCapturesAsync<VerifyCapture>(new() { Kind = CaptureKind.Auth }));

        Assert.Equal(["http://mock:8080/prefix/mock/captures?kind=ingest-traces", "http://mock:8080/prefix/mock/captures?kind=usage-snapshot"],
            requests.Select(r => r.RequestUri!.AbsoluteUri));
    }

    [Fact]
    public async Task AKindThisClientDoesNotKnow_ReadsAsUnknown_AndTheRestOfTheListStillReads()
    {
        var (client, _) = Recording(answer: """{"items":[{"sequence":1,"kind":"verify"},{"sequence":2,"kind":"a-newer-kind"}],"total":2,"lastSequence":2,"evicted":0}""");

        var list = await client.GetCapturesAsync();

        Assert.Equal([(1L, CaptureKind.Verify), (2L, CaptureKind.Unknown)], list.Items.Select(c => (c.Sequence, c.Kind)));
    }

    [Fact]
    public async Task AdminToken_IsSentAsABearerToken()
    {
        var (client, requests) = Recording("secret-token");

        await client.ResetAsync();

        Assert.Equal("Bearer secret-token", requests[0].Headers.Authorization?.ToString());
    }

    private static (BeaconMockClient Client, List<HttpRequestMessage> Requests) Recording(string? token = null, string? answer = null)
    {
        var requests = new List<HttpRequestMessage>();
        var http = new HttpClient(new Answering(requests, answer)) { BaseAddress = new Uri("http://mock:8080/prefix") };
        return (new BeaconMockClient(http, token), requests);
    }

    private sealed class Answering(List<HttpRequestMessage> requests, string? answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Add(request);
            var body = answer ?? (request.RequestUri!.AbsolutePath.Contains("/otlp/") ? """{"items":[],"total":0,"lastSequence":0}""" : """{"items":[],"total":0,"lastSequence":0,"evicted":0}""");
            return Task.FromResult(new HttpResponseMessage(request.Method == HttpMethod.Post || request.Method == HttpMethod.Delete ? HttpStatusCode.NoContent : HttpStatusCode.OK)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}
