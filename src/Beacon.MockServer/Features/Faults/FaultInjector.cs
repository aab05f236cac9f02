using System.Globalization;
using System.Text.Json;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// Applies the fault rule that fired for a wire request: a delay first, then a dropped connection, a status in
/// the route's own error shape, or (left to the OTLP handler) a partial success. The capture middleware asks it
/// which rule fires before storing the capture, so that the capture carries the rule's id from the start.
/// </summary>
public sealed partial class FaultInjector(FaultRegistry rules, CaptureStore store, TimeProvider time, ILogger<FaultInjector> logger)
{
    /// <summary>
    /// What nginx answers when it closes a connection without a response. The capture records it for a dropped
    /// connection, where the client saw no status at all; 499 would say the client went away.
    /// </summary>
    public const int DroppedStatus = 444;

    /// <summary>Recorded when the client went away while a fault delayed its answer, as ASP.NET Core does.</summary>
    public const int ClientClosedStatus = StatusCodes.Status499ClientClosedRequest;

    /// <summary>Raised once a delay's timer is registered with the clock, so a test can move a fake clock past it without polling.</summary>
    internal event Action<FaultRule>? Delaying;

    /// <inheritdoc cref="FaultRegistry.Fire"/>
    public FaultRule? Fire(Capture.Capture capture, bool decoded) => rules.Fire(capture, decoded);

    /// <summary>
    /// Delays, drops or answers the request as <paramref name="rule"/> says. True when the request is finished
    /// (answered, dropped, or abandoned by its client) and the route must not handle it; false when the route
    /// still answers it (after a delay, or to report the rule's partial success).
    /// </summary>
    public async Task<bool> ApplyAsync(HttpContext context, WireRoute route, FaultRule rule)
    {
        Log.Fired(logger, rule.Id, route.Kind, context.Request.Path.Value ?? "/");
        context.Features.Set(rule);

        if (rule.DelayMs > 0)
        {
            try
            {
                var delay = Task.Delay(TimeSpan.FromMilliseconds(rule.DelayMs), time, context.RequestAborted);
                Delaying?.Invoke(rule);
                await delay;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                Unanswered(context, ClientClosedStatus);
                return true;
            }
        }

        if (rule.DropConnection)
        {
            Unanswered(context, DroppedStatus);
            // Recorded before the abort: the client's connection error is all it waits for before querying.
            if (context.Features.Get<WireRequest>() is { } request)
                store.Update(request.Entry, c => c with { Status = DroppedStatus });
            context.Abort();
            return true;
        }

        if (rule.Status is not { } status)
            return false;
        if (rule.RetryAfter is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Answer(context, route, rule, status).ExecuteAsync(context);
        return true;
    }

    /// <summary>Sets the status the capture records for a request that gets no answer, and keeps anything from writing one.</summary>
    private static void Unanswered(HttpContext context, int status)
    {
        // Without this, the status code pages would draw a page for 444 or 499 onto a closed connection.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        context.Response.StatusCode = status;
    }

    /// <summary>
    /// The Beacon JSON routes answer a problem naming the rule, or the rule's body verbatim; the OTLP routes a
    /// google.rpc.Status in the request's encoding, its message taken from the body's message or detail.
    /// </summary>
    private static IResult Answer(HttpContext context, WireRoute route, FaultRule rule, int status)
    {
        var otlp = route.Format is OtlpWireFormat;
        if (rule.Body is { } body && !otlp)
            return TypedResults.Text(body.GetRawText(), "application/json", statusCode: status);

        var detail = rule.Body is { } given && MessageOf(given) is { } message
            ? message
            : $"Fault rule {rule.Id} answered this request with {status}.";
        return route.Format.Refuse(context, new BodyFailure(status, "Answered by a fault rule.", detail));
    }

    private static string? MessageOf(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.String)
            return body.GetString();
        if (body.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var name in (ReadOnlySpan<string>)["message", "detail"])
        {
            if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString();
        }
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Fault rule {FaultId} fired for {Kind} {Path}")]
        public static partial void Fired(ILogger logger, long faultId, string kind, string path);
    }
}
