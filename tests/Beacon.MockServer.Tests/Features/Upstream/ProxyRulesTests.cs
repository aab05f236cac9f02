using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Beacon.MockServer.Tests.Features.Upstream;

/// <summary>
/// What a proxy must not pass on, checked against an upstream that records every header it gets: the headers a
/// <c>Connection</c> header names (either way), <c>Expect: 100-continue</c> for a body already read; and a key in a
/// forwarded URL's query, which no log line may show whole.
/// </summary>
public sealed class ProxyRulesTests : IDisposable
{
    private const string Secret = "lcl_secret_in_the_query_0123456789";

    private readonly ConcurrentQueue<IHeaderDictionary> _arrived = new();
    private readonly ConcurrentQueue<string> _queries = new();
    private readonly TinyUpstream _upstream;
    private readonly BeaconApplication _front;
    private readonly HttpClient _client;

    public ProxyRulesTests()
    {
        _upstream = new TinyUpstream(async context =>
        {
            _arrived.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            _queries.Enqueue(context.Request.QueryString.Value ?? "");
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.Headers.Connection = "X-Upstream-Hop";
            context.Response.Headers["X-Upstream-Hop"] = "for the mock only";
            context.Response.Headers["X-Upstream-Kept"] = "for the client";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}");
        });
        _front = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = _upstream.Url });
        _client = _front.CreateBeaconClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _front.Dispose();
        _upstream.Dispose();
    }

    [Fact]
    public async Task HeadersTheConnectionHeaderNames_AreNotForwarded_EitherWay()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beacon/verify") { Content = Wire.Json("""{"license":"lcl_pass_through_000000"}""") };
        request.Headers.Connection.Add("X-Client-Hop");
        request.Headers.Add("X-Client-Hop", "for the mock only");
        request.Headers.Add("X-Client-Kept", "for the upstream");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var arrived = Assert.Single(_arrived);
        Assert.True(arrived.ContainsKey("X-Client-Kept"));
        Assert.False(arrived.ContainsKey("X-Client-Hop"), "a header the client's Connection named was forwarded");
        Assert.True(response.Headers.Contains("X-Upstream-Kept"));
        Assert.False(response.Headers.Contains("X-Upstream-Hop"), "a header the upstream's Connection named was relayed");
    }

    [Fact]
    public async Task Expect100Continue_IsNotForwarded_ForTheBodyWasReadAlready()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/beacon/verify") { Content = Wire.Json("""{"license":"lcl_pass_through_000000"}""") };
        request.Headers.ExpectContinue = true;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(Assert.Single(_arrived).ContainsKey("Expect"), "Expect: 100-continue was forwarded");
    }

    [Fact]
    public async Task AKeyInTheQuery_IsNotLoggedWhole_WhenForwarded_NorWhenTheUpstreamFails()
    {
        using var failing = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = $"http://127.0.0.1:{ClosedPort()}" });
        using var failingClient = failing.CreateBeaconClient();

        var forwarded = await _client.PostJsonAsync($"/v1/beacon/verify?license={Secret}&plain=1", "{}");
        var failed = await failingClient.PostJsonAsync($"/v1/beacon/verify?license={Secret}", "{}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadGateway), (forwarded.StatusCode, failed.StatusCode));
        // The upstream gets the query as it was sent: only the logs mask it.
        Assert.Equal($"?license={Secret}&plain=1", Assert.Single(_queries));
        string[] lines = [.. _front.Logs.Lines(), .. failing.Logs.Lines()];
        Assert.Contains(lines, l => l.Contains("Proxying to", StringComparison.Ordinal) && l.Contains("license=lcl_…#", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("failed: it", StringComparison.Ordinal) && l.Contains("license=lcl_…#", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
