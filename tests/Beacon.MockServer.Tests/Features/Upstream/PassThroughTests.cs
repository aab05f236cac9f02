using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Beacon.MockServer.Tests.Features.License;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Tests.Features.Upstream;

/// <summary>
/// Pass-through, with a second mock on a loopback port as the real Beacon: the front mock forwards what it is
/// told to, hands back the upstream's answer (a token only the upstream's key validates, a refusal as it was),
/// records the exchange, applies its own faults first, and answers 502 or 504 in the route's shape when the
/// upstream cannot answer.
/// </summary>
public sealed class PassThroughTests : IDisposable
{
    private const string License = "lcl_pass_through_000000";

    private readonly BeaconApplication _upstream = new(new Dictionary<string, string?>
    {
        ["Beacon:RequireKnownLicense"] = "true",
        ["Beacon:Licenses:0:Key"] = License,
        ["Beacon:Licenses:0:Id"] = "upstream-customer",
        // The upstream signs with a key of its own, so a token only its key validates came from it.
        ["Beacon:Token:SigningKeyPath"] = TestSigningKey.OtherPath,
    });

    private readonly HttpClient _upstreamClient;
    private readonly List<IDisposable> _fronts = [];

    public PassThroughTests()
    {
        _upstream.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _upstream.StartServer();
        _upstreamClient = _upstream.CreateClient();
    }

    public void Dispose()
    {
        _fronts.ForEach(f => f.Dispose());
        _upstreamClient.Dispose();
        _upstream.Dispose();
    }

    [Fact]
    public async Task Verify_HandsBackTheUpstreamsToken_WhichOnlyTheUpstreamsKeyValidates_AndRecordsTheExchange()
    {
        var (front, client) = Front();

        var token = await TokenTests.VerifyAsync(client, License);

        Assert.True((await ValidateAsync(_upstreamClient, _upstream, token)).IsValid);
        Assert.False((await ValidateAsync(client, front, token)).IsValid);
        Assert.Equal("upstream-customer", new JsonWebToken(token).Subject);
        var capture = await client.LastCaptureAsync();
        var upstream = capture.GetProperty("upstream");
        Assert.Equal($"{_upstreamClient.BaseAddress}v1/beacon/verify", upstream.GetProperty("url").GetString());
        Assert.Equal((200, 200), (upstream.GetProperty("status").GetInt32(), capture.GetProperty("status").GetInt32()));
        Assert.Equal(token, upstream.GetProperty("body").GetProperty("token").GetString());
        Assert.Equal(JsonValueKind.Null, upstream.GetProperty("error").ValueKind);
        // The upstream received the client's own body and license header, and no forwarding headers of the mock's.
        var arrived = await _upstreamClient.LastCaptureAsync();
        Assert.Equal(License, arrived.GetProperty("license").GetString());
        Assert.Equal(capture.GetProperty("payload").GetRawText(), arrived.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task ARefusal_IsRelayedAsTheUpstreamAnsweredIt()
    {
        var (_, client) = Front();

        var response = await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_unknown_to_upstream_0"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unknown", (await response.ReadProblemAsync()).GetProperty("reason").GetString());
        Assert.Equal(403, (await client.LastCaptureAsync()).GetProperty("upstream").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task TheClientsBytesAndHeaders_ReachTheUpstreamAsSent_CompressedAndNamespaced()
    {
        var (_, client) = Front();
        var body = Infrastructure.Otlp.Gzip(System.Text.Encoding.UTF8.GetBytes("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":17}]}]}]}"""));
        var request = new HttpRequestMessage(HttpMethod.Post, "/ns/t1" + Infrastructure.Otlp.Logs) { Content = Infrastructure.Otlp.Content(body, Infrastructure.Otlp.Json, "gzip") };
        request.Headers.Add("X-Langchain-License-Key", License);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var arrived = await _upstreamClient.LastCaptureAsync();
        Assert.Equal(("gzip", body.Length, License), (arrived.GetProperty("compression").GetString(), arrived.GetProperty("bodyBytes").GetInt32(), arrived.GetProperty("license").GetString()));
        Assert.Equal(JsonValueKind.Null, arrived.GetProperty("namespace").ValueKind);
        Assert.False(arrived.GetProperty("headers").TryGetProperty("X-Forwarded-For", out _));
        Assert.Equal("t1", (await client.LastCaptureAsync()).GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task AFaultRule_AppliesFirst_AndTheUpstreamNeverSeesTheRequest()
    {
        var (_, client) = Front();
        await client.PostJsonAsync("/mock/faults", """{"match": {"kind": "verify"}, "status": 503, "times": 1}""");

        var faulted = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Empty(await _upstreamClient.CapturesAsync());
        Assert.Equal(JsonValueKind.Null, (await client.LastCaptureAsync()).GetProperty("upstream").ValueKind);
    }

    [Fact]
    public async Task OnlyTheKindsNamed_ArePassedThrough_TheRestAreMocked()
    {
        var (_, client) = Front(("Beacon:Upstream:Kinds:0", "verify"));

        await TokenTests.VerifyAsync(client, License);
        var ingest = await client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));

        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        Assert.Equal(["verify"], (await _upstreamClient.CapturesAsync()).Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Null, (await client.LastCaptureAsync()).GetProperty("upstream").ValueKind);
    }

    [Fact]
    public async Task AnUpstreamThatCannotBeReached_Is502InTheRoutesShape_AndTheMockKeepsServing()
    {
        var (_, client) = Front(("Beacon:Upstream:Url", $"http://127.0.0.1:{ClosedPort()}"));

        var verify = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");
        var logs = await client.PostOtlpJsonAsync(Infrastructure.Otlp.Logs, "{}");

        Assert.Equal(HttpStatusCode.BadGateway, verify.StatusCode);
        Assert.Contains("could not be reached", (await verify.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadGateway, logs.StatusCode);
        Assert.Equal(14, (await logs.ReadStatusAsync(Infrastructure.Otlp.Json)).Code);
        var capture = (await client.CapturesAsync("?kind=verify")).Single();
        Assert.Equal(502, capture.GetProperty("status").GetInt32());
        Assert.Contains("could not be reached", capture.GetProperty("upstream").GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task AnUpstreamThatDoesNotAnswerInTime_Is504_ByTheMocksClock()
    {
        await _upstreamClient.PostJsonAsync("/mock/faults", """{"delayMs": 600000}""");
        var (front, client) = Front(("Beacon:Upstream:TimeoutMs", "2000"));
        var delaying = new TaskCompletionSource();
        _upstream.Services.GetRequiredService<Beacon.MockServer.Features.Faults.FaultHook>().Delaying += _ => delaying.TrySetResult();

        var verify = client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");
        await delaying.Task.WaitAsync(Waiting.Bound);
        front.Clock.Advance(TimeSpan.FromSeconds(2));
        var response = await verify.WaitAsync(Waiting.Bound);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("Beacon:Upstream:TimeoutMs", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(504, (await client.LastCaptureAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnHttpsUpstream_IsTrustedThroughTheExtraCaSetting_AndRefusedWithoutIt()
    {
        using var secure = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Licenses:0:Key"] = License });
        secure.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps()));
        secure.StartServer();
        // Its certificates are issued by its clock; the front judges them by the machine's.
        secure.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var address = secure.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        var port = new Uri(address).Port;
        var ca = Path.Combine(Directory.CreateTempSubdirectory("beacon-upstream-ca-").FullName, "ca.pem");
        await File.WriteAllTextAsync(ca, secure.Services.GetRequiredService<Beacon.MockServer.Features.Tls.CertificateAuthority>().CertificatePem);

        var (_, trusting) = Front(("Beacon:Upstream:Url", $"https://localhost:{port}"), ("Beacon:Upstream:CaCertificatePath", ca));
        var (_, untrusting) = Front(("Beacon:Upstream:Url", $"https://localhost:{port}"));

        Assert.NotEmpty(await TokenTests.VerifyAsync(trusting, License));
        var refused = await untrusting.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("which the system's roots do not trust: trust that CA with Beacon:Upstream:CaCertificatePath", (await refused.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUpstreamThatLeadsBackToTheMock_Is508_NotAnEndlessLoop()
    {
        using var looping = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = "http://127.0.0.1:1" });
        looping.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        looping.StartServer();
        var address = looping.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        // The setting read at start points nowhere; the looping mock forwards to itself once it knows its own port.
        looping.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Beacon.MockServer.Features.Upstream.UpstreamOptions>>().Value.Url = address;
        using var client = looping.CreateClient();

        var response = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");

        // The request came back once, was refused there, and that refusal is what the first hop relays.
        Assert.Equal(HttpStatusCode.LoopDetected, response.StatusCode);
        var captures = await client.CapturesAsync();
        Assert.Equal(2, captures.Length);
        Assert.Equal((508, 508), (captures[0].GetProperty("upstream").GetProperty("status").GetInt32(), captures[1].GetProperty("status").GetInt32()));
        Assert.Contains("this mock itself", captures[1].GetProperty("upstream").GetProperty("error").GetString());
    }

    [Fact]
    public async Task TheLicenseKey_NeverAppearsWholeInTheFrontsLogs()
    {
        var (front, client) = Front();

        await TokenTests.VerifyAsync(client, License);

        Assert.DoesNotContain(front.Logs.Lines(), l => l.Contains(License, StringComparison.Ordinal));
    }

    private (BeaconApplication App, HttpClient Client) Front(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = _upstreamClient.BaseAddress!.ToString().TrimEnd('/') };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        var front = new BeaconApplication(configuration);
        _fronts.Add(front);
        return (front, front.CreateBeaconClient());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<TokenValidationResult> ValidateAsync(HttpClient client, BeaconApplication app, string token)
    {
        var keys = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks.json")).GetSigningKeys();
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://beacon.langchain.com",
            ValidAudience = "langchain-self-hosted",
            IssuerSigningKeys = keys,
            LifetimeValidator = (notBefore, expires, _, _) => notBefore <= app.Clock.GetUtcNow().UtcDateTime && app.Clock.GetUtcNow().UtcDateTime < expires,
        });
    }
}
