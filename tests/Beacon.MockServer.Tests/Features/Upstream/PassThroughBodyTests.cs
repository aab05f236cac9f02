using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace Beacon.MockServer.Tests.Features.Upstream;

/// <summary>
/// What pass-through holds in memory: the request body the mock already has is what the upstream reads (no copy of
/// it), the upstream's answer reaches the client as it comes (only its bounded start is held, for the capture), and
/// an exchange the process has no memory for is a 503 in the route's shape, never a 500, and still captured.
/// </summary>
public sealed class PassThroughBodyTests : IDisposable
{
    private readonly List<IDisposable> _disposables = [];

    public void Dispose() => _disposables.ForEach(d => d.Dispose());

    [Fact]
    public async Task TheUpstreamReadsTheBytesTheMockHolds_NotACopyOfThem()
    {
        var probe = new ProbingForwarder();
        var client = Front(probe);
        var body = $$"""{"license":"lcl_pass_through_000000","padding":"{{new string('x', 64 * 1024)}}"}""";

        var response = await client.PostJsonAsync("/v1/beacon/verify", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), probe.Read);
        // One byte of what the mock holds was changed while the forwarder read: a stream over those bytes saw it.
        Assert.True(probe.SawTheChange, "the upstream was sent a copy of the body, not the bytes the mock holds");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnExchangeTheProcessHasNoMemoryFor_Is503InTheRoutesShape_AndIsCaptured(bool thrown)
    {
        var client = Front(new ProbingForwarder { Fails = thrown ? Failure.Thrown : Failure.Reported });

        var verify = await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_pass_through_000000"}""");
        var logs = await client.PostOtlpJsonAsync(Infrastructure.Otlp.Logs, "{}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, verify.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), verify.Headers.RetryAfter?.Delta);
        Assert.Contains("out of memory", (await verify.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, logs.StatusCode);
        Assert.Equal(14, (await logs.ReadStatusAsync(Infrastructure.Otlp.Json)).Code);
        var captures = await client.CapturesAsync();
        Assert.Equal(["verify", "logs"], captures.Select(c => c.GetProperty("kind").GetString()));
        Assert.All(captures, c => Assert.Equal(503, c.GetProperty("status").GetInt32()));
        Assert.All(captures, c => Assert.Contains("out of memory", c.GetProperty("upstream").GetProperty("error").GetString()));
    }

    [Fact]
    public async Task AnUpstreamThatAnswersWithoutTakingTheWholeBody_IsRelayed_NotA502()
    {
        var client = Front(new ProbingForwarder { Fails = Failure.BodyNotTaken });

        var response = await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_pass_through_000000"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"refused":"early"}""", await response.Content.ReadAsStringAsync());
        var upstreamRecord = (await client.LastCaptureAsync()).GetProperty("upstream");
        Assert.Equal(403, upstreamRecord.GetProperty("status").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, upstreamRecord.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task ALongAnswer_ReachesTheClientAsItComes_AndTheCaptureKeepsOnlyItsStart()
    {
        const int Part = 1024 * 1024;
        var clientHasTheFirstPart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var upstream = new TinyUpstream(async context =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(Pattern(0, Part));
            await context.Response.Body.FlushAsync();
            // The upstream does not go on until the client has read what it sent: a mock that held the answer back
            // until it ended (or until Beacon:MaxBodyBytes) would wait here for ever.
            await clientHasTheFirstPart.Task.WaitAsync(Waiting.Bound, context.RequestAborted);
            await context.Response.Body.WriteAsync(Pattern(Part, Part));
        });
        var client = Front(settings: [("Beacon:Upstream:Url", upstream.Url), ("Beacon:Store:MaxTextPayloadBytes", "1024")]);

        using var request = new HttpRequestMessage(HttpMethod.Post, Infrastructure.Otlp.Logs) { Content = Infrastructure.Otlp.Content("{}"u8.ToArray(), Infrastructure.Otlp.Json) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Waiting.Bound);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        await ReadAsync(stream, received, Part).WaitAsync(Waiting.Bound);
        clientHasTheFirstPart.SetResult();
        await ReadAsync(stream, received, int.MaxValue).WaitAsync(Waiting.Bound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pattern(0, 2 * Part), received.ToArray());
        var upstreamRecord = (await client.LastCaptureAsync()).GetProperty("upstream");
        Assert.Equal(200, upstreamRecord.GetProperty("status").GetInt32());
        Assert.Equal(Encoding.ASCII.GetString(Pattern(0, 1024)), upstreamRecord.GetProperty("body").GetString());
    }

    [Fact]
    public async Task AnAnswerThatBreaksOffMidway_IsCutOffForTheClient_AndTheCaptureSaysSo()
    {
        using var upstream = new TinyUpstream(async context =>
        {
            context.Response.ContentLength = 1024 * 1024;
            await context.Response.Body.WriteAsync(Pattern(0, 64 * 1024));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        var client = Front(settings: [("Beacon:Upstream:Url", upstream.Url), ("Beacon:Store:MaxTextPayloadBytes", "1024")]);

        using var request = new HttpRequestMessage(HttpMethod.Post, Infrastructure.Otlp.Logs) { Content = Infrastructure.Otlp.Content("{}"u8.ToArray(), Infrastructure.Otlp.Json) };
        // The client never takes a cut answer for a whole one: its read fails.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        });

        var upstreamRecord = (await client.LastCaptureAsync()).GetProperty("upstream");
        Assert.Equal(200, upstreamRecord.GetProperty("status").GetInt32());
        Assert.Equal(Encoding.ASCII.GetString(Pattern(0, 1024)), upstreamRecord.GetProperty("body").GetString());
        Assert.StartsWith("broke off its answer (ResponseBodyDestination", upstreamRecord.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AShortAnswer_IsRecordedWhole_BeforeTheClientHasIt()
    {
        using var upstream = new TinyUpstream(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"token":"from-upstream"}""");
        });
        var client = Front(settings: [("Beacon:Upstream:Url", upstream.Url)]);
        var bodyWithTheStatus = new List<bool>();
        _fronts[^1].Store().Updated += c =>
        {
            if (c.Status is not null)
                bodyWithTheStatus.Add(c.Fields.TryGetValue("upstream", out var upstreamJson)
                    && System.Text.Json.JsonDocument.Parse(upstreamJson.Utf8).RootElement.GetProperty("body").ValueKind != System.Text.Json.JsonValueKind.Null);
        };

        var response = await client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_pass_through_000000"}""");

        Assert.Equal("""{"token":"from-upstream"}""", await response.Content.ReadAsStringAsync());
        // The capture had the upstream's body from the moment it had its status: before the answer left.
        Assert.NotEmpty(bodyWithTheStatus);
        Assert.All(bodyWithTheStatus, Assert.True);
        Assert.Equal("from-upstream", (await client.LastCaptureAsync()).GetProperty("upstream").GetProperty("body").GetProperty("token").GetString());
    }

    private readonly List<BeaconApplication> _fronts = [];

    private HttpClient Front(IHttpForwarder? forwarder = null, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = "http://127.0.0.1:1" };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        var front = new BeaconApplication(configuration);
        _fronts.Add(front);
        _disposables.Add(front);
        WebApplicationFactory<Program> app = forwarder is null ? front
            : front.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton(forwarder)));
        if (!ReferenceEquals(app, front))
            _disposables.Add(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _disposables.Add(client);
        return client;
    }

    /// <summary>Bytes that say where in the answer they are: "0123456789" over and over, from <paramref name="offset"/>.</summary>
    private static byte[] Pattern(int offset, int length) => [.. Enumerable.Range(offset, length).Select(i => (byte)('0' + i % 10))];

    private static async Task ReadAsync(Stream from, MemoryStream into, int atLeast)
    {
        var buffer = new byte[64 * 1024];
        var target = into.Length + (long)atLeast;
        int read;
        while (into.Length < target && (read = await from.ReadAsync(buffer)) > 0)
            into.Write(buffer, 0, read);
    }

    private enum Failure
    {
        None,
        Thrown,
        Reported,
        BodyNotTaken,
    }

    /// <summary>Stands in for YARP's forwarder: reads the body as the forwarder would, or fails as it can.</summary>
    private sealed class ProbingForwarder : IHttpForwarder
    {
        public Failure Fails { get; init; }

        public long Read { get; private set; }

        public bool SawTheChange { get; private set; }

        public async ValueTask<ForwarderError> SendAsync(HttpContext context, string destinationPrefix, HttpMessageInvoker httpClient,
            ForwarderRequestConfig requestConfig, HttpTransformer transformer)
        {
            switch (Fails)
            {
                case Failure.Thrown:
                    throw new OutOfMemoryException();
                case Failure.Reported:
                    // What YARP does with an exception from the client: reports it and answers 502 itself.
                    context.Features.Set<IForwarderErrorFeature>(new Reported(ForwarderError.Request,
                        new HttpRequestException("An error occurred while sending the request.", new InsufficientMemoryException())));
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                    return ForwarderError.Request;
                case Failure.BodyNotTaken:
                    // What YARP does when the upstream answers whole before it has read the whole request: copies the
                    // answer (status, headers, body, trailers), then reports the request body it could not finish sending.
                    using (var answer = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"refused":"early"}""") })
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        await transformer.TransformResponseAsync(context, answer, CancellationToken.None);
                        await (await answer.Content.ReadAsStreamAsync()).CopyToAsync(context.Response.Body);
                        await transformer.TransformResponseTrailersAsync(context, answer, CancellationToken.None);
                    }
                    context.Features.Set<IForwarderErrorFeature>(new Reported(ForwarderError.RequestBodyDestination, new TaskCanceledException()));
                    return ForwarderError.RequestBodyDestination;
            }
            Assert.True(MemoryMarshal.TryGetArray(context.Features.Get<WireRequest>()!.Received, out var held));
            var original = held[0];
            held[0] ^= 0xFF;
            var sent = new MemoryStream();
            context.Request.Body.CopyTo(sent);
            held[0] = original;
            (Read, SawTheChange) = (sent.Length, sent.GetBuffer()[0] == (byte)(original ^ 0xFF));
            context.Response.StatusCode = StatusCodes.Status200OK;
            return ForwarderError.None;
        }

        private sealed class Reported(ForwarderError error, Exception exception) : IForwarderErrorFeature
        {
            public ForwarderError Error => error;

            public Exception? Exception => exception;
        }
    }
}
