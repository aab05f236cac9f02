using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// Pass-through: a wire request of the kinds <c>Beacon:Upstream:Kinds</c> names is forwarded to the real Beacon with
/// YARP's forwarder (the bytes the mock holds, and the headers as the client sent them, less what a proxy must not
/// pass on: <see cref="UpstreamTransformer"/>) and answered with what the upstream answers, as it comes
/// (<see cref="UpstreamResponse"/>). The last hook, after a data plane's token and the fault rules: a faulted request
/// is not forwarded. The capture records the exchange; an upstream that cannot be reached, or does not answer in
/// time, is a 502 or 504 in the route's own shape, and an exchange the process has no memory for a 503.
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
        var exchange = new UpstreamExchange(target, null, 0, null, null);
        Record(request, exchange);
        // The pipeline holds the body as it arrived; the upstream reads those same bytes, not a copy of them.
        context.Request.Body = new ReceivedBodyStream(request.Received);
        context.Request.ContentLength = request.Received.Length;
        var started = time.GetTimestamp();
        double Elapsed() => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        // The upstream's status and the start of its body are recorded before the client has a byte of the answer.
        void Answered(UpstreamResponse answer)
        {
            exchange = exchange with
            {
                Status = context.Response.StatusCode,
                DurationMs = Elapsed(),
                Body = Payload(answer.Kept, context.Response.Headers.ContentEncoding.ToString()),
            };
            Record(request, exchange);
        }
        using var response = new UpstreamResponse(context.Response.Body, beacon.Value.Store.MaxTextPayloadBytes, Answered);
        context.Response.Body = response;

        // The timeout runs on the injected clock, by standing in for the client's own cancellation.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.TimeoutMs), time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeout.Token);
        var aborted = context.RequestAborted;
        context.RequestAborted = either.Token;
        var transformer = new UpstreamTransformer(_via);
        ForwarderError error;
        Exception? failure = null;
        try
        {
            error = await forwarder.SendAsync(context, _options.Url!, client.Invoker,
                new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMilliseconds(2 * _options.TimeoutMs) + TimeSpan.FromSeconds(1) },
                transformer);
        }
        catch (OutOfMemoryException e)
        {
            // Not a fault of the upstream's, nor of the request's: the process could not hold the exchange just now.
            (error, failure) = (ForwarderError.Request, e);
        }
        finally
        {
            context.RequestAborted = aborted;
            context.Response.Body = response.Inner;
        }

        // An upstream may answer before it has read the whole request (an early refusal): YARP, having copied the whole
        // answer, then reports the part of the body it never took. The answer stands.
        if (transformer.AnsweredWhole && error is ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient or ForwarderError.RequestBodyDestination)
            error = ForwarderError.None;
        if (error == ForwarderError.None)
        {
            if (response.Passing)
                Record(request, exchange = exchange with { DurationMs = Elapsed() });
            else
                Answered(response);
            await response.ReleaseAsync(aborted);
            return WireHookOutcome.Answered;
        }

        var failed = Explain(error, failure ?? context.Features.Get<IForwarderErrorFeature>()?.Exception, timeout.IsCancellationRequested);
        // An answer already on its way keeps the status and start the capture recorded; the error says where it broke.
        Record(request, exchange with { DurationMs = Elapsed(), Error = failed.Why });
        Log.Failed(logger, UrlMasking.Url(target), failed.Why);
        if (context.Response.HasStarted)
        {
            context.Abort();
            return WireHookOutcome.Answered;
        }
        context.Response.Clear();
        if (failed.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = "1";
        await request.Refuse(new BodyFailure(failed.Status, failed.Title, failed.Detail)).ExecuteAsync(context);
        return WireHookOutcome.Answered;
    }

    /// <summary>Writes the exchange, as far as it has gone, into the capture's <c>upstream</c> field.</summary>
    private void Record(WireRequest request, UpstreamExchange exchange) =>
        store.Update(request.Entry, c => c.WithField(UpstreamFeature.Field.Name, exchange, UpstreamJson.Default.UpstreamExchange));

    /// <summary>
    /// What a failed exchange is answered with: a 503 when the process ran out of memory for it (the request is fine,
    /// and may be sent again), a 504 past <c>Beacon:Upstream:TimeoutMs</c>, a 502 otherwise; each says why.
    /// </summary>
    private ExchangeFailure Explain(ForwarderError error, Exception? exception, bool timedOut)
    {
        if (Chain(exception).OfType<OutOfMemoryException>().FirstOrDefault() is { } memory)
            return new($"was not forwarded: this mock ran out of memory for the exchange ({memory.Message})", StatusCodes.Status503ServiceUnavailable,
                "Not enough memory to pass the request through.",
                $"The request was captured, and not forwarded to the upstream Beacon at {_options.Url}: this mock ran out of memory for the "
                + $"exchange ({memory.Message}). Send it again shortly, or fewer large bodies at once.");
        var why = timedOut ? $"did not answer within {_options.TimeoutMs} ms ({UpstreamOptions.Section}:TimeoutMs)" : Describe(error, exception);
        return new(why, timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway, "Upstream Beacon unavailable.",
            $"The upstream Beacon at {_options.Url} {why}.");
    }

    /// <summary>Why the forwarder failed, from its exception and every exception inside it, in the words that say the cause.</summary>
    private static string Describe(ForwarderError error, Exception? exception)
    {
        if (Chain(exception).OfType<UpstreamCertificateException>().FirstOrDefault() is { } refused)
            return $"presented a certificate this mock does not accept: {refused.Message}";
        // Each message once, and none that the one around it already says ("Connection refused (host:port)", then "Connection refused").
        var messages = new List<string>();
        foreach (var e in Chain(exception))
        {
            var message = e.Message.Replace(", see inner exception.", "", StringComparison.Ordinal)
                .Replace(" See the inner exception for details.", "", StringComparison.Ordinal).TrimEnd('.');
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                messages.Add(message);
        }
        var what = error switch
        {
            ForwarderError.ResponseBodyDestination => "broke off its answer",
            ForwarderError.ResponseBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.RequestCanceled
                => "was cut off: the client went away",
            ForwarderError.ResponseHeaders => "sent an answer that could not be relayed",
            _ => "could not be reached",
        };
        return messages.Count == 0 ? $"{what} ({error})" : $"{what} ({error}: {string.Join(": ", messages)})";
    }

    /// <summary>An exception and those inside it, outermost first (a few levels: enough for any the forwarder reports).</summary>
    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 8; exception = exception.InnerException, depth++)
            yield return exception;
    }

    /// <summary>The upstream's body as the capture keeps it: JSON as it is, anything else as the start of its text, within the bound.</summary>
    private CapturePayload? Payload(ReadOnlySpan<byte> kept, string? contentEncoding)
    {
        var bound = beacon.Value.Store.MaxTextPayloadBytes;
        var bytes = kept.ToArray();
        var decoded = ContentCoding.Decode(contentEncoding, bytes, bound);
        return PlainWireFormat.Keep(decoded.Failure is null ? decoded.Bytes : bytes, bound);
    }

    /// <param name="Why">What the capture's <c>upstream.error</c> and the log say, after "the upstream ... ".</param>
    private sealed record ExchangeFailure(string Why, int Status, string Title, string Detail);

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
