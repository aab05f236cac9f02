using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Api;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Captures;

/// <summary>Captures as a live stream (Server-Sent Events) and as one NDJSON file, with the list's filters.</summary>
internal static class CaptureFeedEndpoints
{
    /// <summary>How many captures the stream takes from the store at a time.</summary>
    private const int StreamBatch = 256;

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static RouteGroupBuilder MapCaptureFeedEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock/captures").WithTags("Mock");
        group.MapGet("/stream", Stream).WithName("StreamCaptures")
            .WithSummary("Server-Sent Events: one 'capture' event per matching capture, in sequence order, as it arrives")
            .WithDescription("Starts after 'after' (or the Last-Event-ID header a reconnecting client sends) and runs until the client "
                + "disconnects. Each event's id is the capture's sequence; its data is the capture as received (status is null "
                + "while the response is still being produced; GET /mock/captures/{sequence} gives the finished record).")
            .ProducesValidationProblem();
        group.MapGet("/export", Export).WithName("ExportCaptures")
            .WithSummary("Every matching capture as NDJSON, one JSON object per line, oldest first (for CI artifacts)")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesValidationProblem();
        return group;
    }

    internal static Results<ServerSentEventsResult<Capture>, ProblemHttpResult> Stream(
        [AsParameters] CaptureQuery query, [AsParameters] Paging paging, HttpContext context, CaptureStore store)
    {
        if (paging.Check() is { } problem)
            return problem;
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        long? resumeAfter = null;
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                return Problems.Validation("Last-Event-ID", $"must be a capture sequence (was '{lastEventId}')");
            resumeAfter = sequence;
        }
        var filter = query.Filter(paging) with { After = Math.Max(paging.After ?? 0, resumeAfter ?? 0) };
        return TypedResults.ServerSentEvents(Follow(context, store, filter));
    }

    internal static Results<PushStreamHttpResult, ProblemHttpResult> Export(
        [AsParameters] CaptureQuery query, [AsParameters] Paging paging, CaptureStore store, IOptions<JsonOptions> json)
    {
        if (paging.Check() is { } problem)
            return problem;
        // One snapshot, taken now: later arrivals are not half-included.
        var captures = store.Scan(query.Filter(paging)).Items.Take(paging.Limit ?? int.MaxValue).ToList();
        // The app's JSON settings, so each line is byte for byte what GET /mock/captures/{sequence} answers.
        var typeInfo = (JsonTypeInfo<Capture>)json.Value.SerializerOptions.GetTypeInfo(typeof(Capture));
        return TypedResults.Stream(async body =>
        {
            foreach (var stored in captures)
            {
                // Built one at a time as it is written: a full store is never read whole into memory at once.
                await JsonSerializer.SerializeAsync(body, CaptureCodec.Decode(stored), typeInfo);
                await body.WriteAsync(NewLine);
            }
        }, "application/x-ndjson", "captures.ndjson");
    }

    /// <summary>The captures after <paramref name="filter"/>'s sequence, in order, then each new one as it is appended.</summary>
    private static async IAsyncEnumerable<SseItem<Capture>> Follow(HttpContext context, CaptureStore store, CaptureFilter filter)
    {
        var cancellationToken = context.RequestAborted;
        // The stream ends when the client leaves or the server stops: otherwise a server asked to stop waits its whole
        // shutdown timeout (30 s) for each open stream, and a browser left on the inspector page holds one open.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(
            cancellationToken, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        // Subscribed before the first read, so that nothing arriving in between is missed.
        using var arrivals = store.Subscribe(filter, CaptureStage.Received);
        // The headers go out now, not with the first event: a client sees the stream open even while nothing matches.
        await context.Response.StartAsync(cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
        var after = filter.After ?? 0;
        while (!ending.IsCancellationRequested)
        {
            var page = store.Query(filter with { After = after }, StreamBatch);
            foreach (var capture in page.Items)
                yield return new SseItem<Capture>(capture, "capture") { EventId = capture.Sequence.ToString(CultureInfo.InvariantCulture) };

            // A full batch may have left matches behind it; otherwise everything up to the newest sequence was seen.
            after = page.Items.Count == StreamBatch ? page.Items[^1].Sequence : page.LastSequence;
            if (page.Items.Count < StreamBatch)
                await NextQuietly(arrivals, ending.Token);
        }
    }

    /// <summary>Waits for the next matching arrival; a client that went away ends the stream rather than failing it.</summary>
    private static async Task NextQuietly(ArrivalSubscription arrivals, CancellationToken cancellationToken)
    {
        try
        {
            await arrivals.NextAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
