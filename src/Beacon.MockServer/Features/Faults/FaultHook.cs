using System.Globalization;
using System.Text.Json;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Diagnostics;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// Fault rules as a hook on the wire pipeline: the rule that fires is chosen at receipt (so the capture carries its id
/// from the start), then applied: a delay first, then a dropped connection, a status in the route's own error shape,
/// or (left to the OTLP handler) a partial success.
/// </summary>
internal sealed partial class FaultHook(FaultRegistry rules, CaptureStore store, TimeProvider time, ILogger<FaultHook> logger) : IWireHook
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

    public const string HookName = "faults";

    public string Name => HookName;

    public WireHookClaim? Claim(Capture capture, WireRoute route, bool decoded) => rules.Fire(capture, route, decoded) is { } rule ? new Fired(rule) : null;

    /// <summary>Delays, drops or answers the request as the rule says.</summary>
    public async Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim)
    {
        var rule = ((Fired)claim).Rule;
        var context = request.Context;
        Log.Fired(logger, rule.Id, request.Kind, context.Request.Path.Value ?? "/");

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
                return WireHookOutcome.Answered;
            }
        }

        if (rule.DropConnection)
        {
            Unanswered(context, DroppedStatus);
            // Recorded before the abort: the client's connection error is all it waits for before querying.
            store.Update(request.Entry, c => c with { Status = DroppedStatus });
            context.Abort();
            return WireHookOutcome.Answered;
        }

        if (rule.PartialSuccess is { } partial)
        {
            request.PartialSuccess = new PartialSuccess(partial.Rejected ?? 0, partial.Message ?? $"Partial success answered by fault rule {rule.Id}.");
            return WireHookOutcome.Continue;
        }

        if (rule.Status is not { } status)
            return WireHookOutcome.Continue;
        if (rule.RetryAfter is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Answer(request, rule, status).ExecuteAsync(context);
        return WireHookOutcome.Answered;
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
    private static IResult Answer(WireRequest request, FaultRule rule, int status)
    {
        var detail = rule.Body is { } given && MessageOf(given.Value) is { } message
            ? message
            : $"Fault rule {rule.Id} answered this request with {status}.";
        // A route whose errors are JSON of its own answers the body as it is; OTLP's Status carries the detail.
        return request.Refuse(new BodyFailure(status, "Answered by a fault rule.", detail, Body: rule.Body?.Value));
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

    /// <summary>The rule that fired for a request, counted as fired; the capture carries its id.</summary>
    private sealed class Fired(FaultRule rule) : WireHookClaim
    {
        public FaultRule Rule { get; } = rule;

        public override Capture Annotate(Capture capture) => capture.WithField(FaultsFeature.FaultIdField.Name, Rule.Id, FaultJson.Default.Int64);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Fault rule {FaultId} fired for {Kind} {Path}")]
        public static partial void Fired(ILogger logger, long faultId, string kind, string path);
    }
}
