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

    public int Order => 200;

    public WireHookClaim? Claim(Capture capture, bool decoded)
    {
        if (_options.Url is not { } url || _options.Kinds.Count > 0 && !_options.Kinds.Contains(capture.Kind))
            return null;
        return new Forwarding(RequestUtilities.MakeDestinationAddress(url, capture.Path, new QueryString(capture.Query)).ToString());
    }

    public async Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim)
    {
        var target = ((Forwarding)claim).Target;
        var context = request.Context;
        // Recorded as it goes (a fault answered before it would not be); the status comes with the answer.
        store.Update(request.Entry, c => c with { Upstream = new UpstreamExchange(target, null, 0, null, null) });
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
                HttpTransformer.Empty);
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
        store.Update(request.Entry, c => c with { Upstream = new UpstreamExchange(target, status, Math.Round(duration, 3), why, body) });

        if (why is not null)
        {
            Log.Failed(logger, target, why);
            if (!context.Response.HasStarted)
            {
                var code = timeout.IsCancellationRequested ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
                context.Response.Clear();
                await request.Route.Format.Refuse(context, new BodyFailure(code, "Upstream Beacon unavailable.", $"The upstream Beacon at {_options.Url} {why}.")).ExecuteAsync(context);
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

    private static string Describe(HttpContext context, ForwarderError error) =>
        context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message is { Length: > 0 } message
            ? $"could not be reached ({error}: {message})"
            : $"could not be reached ({error})";

    /// <summary>The upstream's body as the capture keeps it: JSON as it is, anything else as the start of its text.</summary>
    private CapturePayload? Payload(byte[] kept, string? contentEncoding)
    {
        var decoded = ContentCoding.Decode(contentEncoding, kept, beacon.Value.MaxBodyBytes);
        var bytes = decoded.Failure is null ? decoded.Bytes : kept;
        if (bytes.Length > 0 && JsonBodyCheck.Run(bytes, StrictJson.MaxDepth).IsJson)
            return new JsonPayload(RawJson.FromValidated(bytes));
        return TextPayload.Of(bytes, beacon.Value.Store.MaxTextPayloadBytes);
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
