using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// Pass-through: a wire request of the kinds <c>Beacon:Upstream:Kinds</c> names is forwarded to the real Beacon with
/// YARP's forwarder (its bytes and headers as the client sent them, less the hop-by-hop ones) and answered with what
/// the upstream answered. The last hook, after a data plane's token and the fault rules: a faulted request is not
/// forwarded. The capture records the exchange; an upstream that cannot be reached, or does not answer in time, is a
/// 502 or 504 in the route's own shape.
/// </summary>
internal sealed partial class UpstreamHook(
    IHttpForwarder forwarder, UpstreamClient client, IOptions<UpstreamOptions> options, IOptions<BeaconOptions> beacon,
    CaptureStore store, TimeProvider time, ILogger<UpstreamHook> logger) : IWireHook
{
    private readonly UpstreamOptions _options = options.Value;

    /// <summary>
    /// This mock's name on the <c>Via</c> header it adds (RFC 9110 asks it of a proxy), so that a request that comes
    /// back to it (an upstream URL that resolves to the mock itself, as <c>beacon.langchain.com</c> does inside a
    /// network that aliases it) is refused rather than forwarded again without end.
    /// </summary>
    private readonly string _via = $"1.1 beacon-mock-{Guid.NewGuid():N}";

    public const string HookName = "upstream";

    public string Name => HookName;

    public WireHookClaim? Claim(Capture capture, WireRoute route, bool decoded)
    {
        if (_options.Url is not { } url || _options.Kinds.Count > 0 && !_options.Kinds.Contains(capture.Kind))
            return null;
        return new Forwarding(RequestUtilities.MakeDestinationAddress(url, capture.Path, new QueryString(capture.Query)).ToString());
    }

    public async Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim)
    {
        var target = ((Forwarding)claim).Target;
        var context = request.Context;
        if (context.Request.Headers.Via.Any(v => v is not null && v.Contains(_via, StringComparison.Ordinal)))
        {
            Record(request, new UpstreamExchange(target, null, 0, "is this mock itself: the request came back to it", null));
            await request.Refuse(new BodyFailure(StatusCodes.Status508LoopDetected, "Upstream is this mock.",
                $"{UpstreamOptions.Section}:Url ({_options.Url}) leads back to this mock (inside a network that aliases beacon.langchain.com to it, "
                + "pin the real address with extra_hosts); the request was not forwarded again.")).ExecuteAsync(context);
            return WireHookOutcome.Answered;
        }
        // Recorded as it goes (a fault answered before it would not be); the status comes with the answer.
        Record(request, new UpstreamExchange(target, null, 0, null, null));
        // The pipeline has read the body; the upstream gets the bytes exactly as they arrived.
        context.Request.Body = new MemoryStream(request.Received.ToArray(), writable: false);
        context.Request.ContentLength = request.Received.Length;
        var response = new UpstreamResponse(context.Response.Body, beacon.Value.MaxBodyBytes);
        context.Response.Body = response;

        // The timeout runs on the injected clock, by standing in for the client's own cancellation.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.TimeoutMs), time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        var aborted = context.RequestAborted;
        context.RequestAborted = either.Token;
        var started = time.GetTimestamp();
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, _options.Url!, client.Invoker,
                new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMilliseconds(2 * _options.TimeoutMs) + TimeSpan.FromSeconds(1) },
                new ViaTransformer(_via));
        }
        finally
        {
            context.RequestAborted = aborted;
            context.Response.Body = response.Inner;
        }
        var duration = time.GetElapsedTime(started).TotalMilliseconds;

        string? why = null;
        if (error != ForwarderError.None)
            why = timeout.IsCancellationRequested ? $"did not answer within {_options.TimeoutMs} ms ({UpstreamOptions.Section}:TimeoutMs)" : Describe(context, error);
        var status = why is null ? context.Response.StatusCode : (int?)null;
        var body = status is null ? null : Payload(response.Kept, context.Response.Headers.ContentEncoding.ToString());
        Record(request, new UpstreamExchange(target, status, Math.Round(duration, 3), why, body));

        if (why is not null)
        {
            Log.Failed(logger, target, why);
            if (!context.Response.HasStarted)
            {
                var code = timeout.IsCancellationRequested ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
                context.Response.Clear();
                await request.Refuse(new BodyFailure(code, "Upstream Beacon unavailable.", $"The upstream Beacon at {_options.Url} {why}.")).ExecuteAsync(context);
            }
            else
            {
                context.Abort();
            }
            return WireHookOutcome.Answered;
        }
        await response.ReleaseAsync(aborted);
        return WireHookOutcome.Answered;
    }

    /// <summary>Writes the exchange, as far as it has gone, into the capture's <c>upstream</c> field.</summary>
    private void Record(WireRequest request, UpstreamExchange exchange) =>
        store.Update(request.Entry, c => c.WithField(UpstreamFeature.Field.Name, exchange, UpstreamJson.Default.UpstreamExchange));

    private static string Describe(HttpContext context, ForwarderError error) =>
        context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message is { Length: > 0 } message
            ? $"could not be reached ({error}: {message})"
            : $"could not be reached ({error})";

    /// <summary>The upstream's body as the capture keeps it: JSON as it is, anything else as the start of its text.</summary>
    private CapturePayload? Payload(byte[] kept, string? contentEncoding)
    {
        var decoded = ContentCoding.Decode(contentEncoding, kept, beacon.Value.MaxBodyBytes);
        return PlainWireFormat.Keep(decoded.Failure is null ? decoded.Bytes : kept, beacon.Value.Store.MaxTextPayloadBytes);
    }

    /// <summary>
    /// Copies the request as it came, less hop-by-hop headers and with no X-Forwarded-* added; the Host is the
    /// upstream's (a real Beacon behind a CDN routes by it), and a Via says who forwarded it.
    /// </summary>
    private sealed class ViaTransformer(string via) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await Empty.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Host = null;
            proxyRequest.Headers.Via.ParseAdd(via);
        }
    }

    private sealed class Forwarding(string target) : WireHookClaim
    {
        public string Target { get; } = target;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Upstream {Target} failed: it {Why}")]
        public static partial void Failed(ILogger logger, string target, string why);
    }
}
