using System.ComponentModel;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Api;

/// <summary>A list answer that says how many items matched, whatever its limit.</summary>
internal interface ICountedList
{
    int Total { get; }
}

/// <summary>The parameters every <c>.../wait</c> route adds to its list's filters.</summary>
internal sealed record WaitQuery
{
    [FromQuery(Name = "count"), Description("How many matching items to wait for: 1 to 1000, default 1")]
    public int? Count { get; init; }

    [FromQuery(Name = "timeoutMs"), Description("How long to wait, in milliseconds: 0 to Beacon:Waits:MaxTimeoutMs, default Beacon:Waits:DefaultTimeoutMs")]
    public int? TimeoutMs { get; init; }

    [FromQuery(Name = "stage"), Description("completed (the default): count captures once answered, status and details set; received: count them as they arrive")]
    public string? Stage { get; init; }

    /// <summary>When a capture counts: once its response is done, unless the wait asks for arrivals.</summary>
    public CaptureStage CaptureStage => Stage == "received" ? CaptureStage.Received : CaptureStage.Completed;
}

/// <summary>
/// The <c>.../wait</c> routes: a list that answers once it holds enough items, woken by each arrival, and a
/// 408 problem saying how many matched when the timeout comes first (so <c>curl --fail</c> fails).
/// </summary>
internal static class Waits
{
    /// <summary>
    /// Waits for <see cref="WaitQuery.Count"/> items, then answers <paramref name="list"/>. The caller has checked its
    /// list's own filters; <paramref name="filter"/> says which captures can add items, so no other wakes the wait.
    /// </summary>
    /// <param name="list">
    /// The answer for a limit: the list route's own result, its total counting every match, only completed captures
    /// unless the wait asks for arrivals (the caller builds it from <see cref="WaitQuery.CaptureStage"/>).
    /// </param>
    /// <param name="items">What is counted, one and many: ("capture", "captures"), ("span", "spans").</param>
    /// <param name="request">The wait's request, whose filters a timeout repeats as they were given.</param>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> RunAsync<T>(
        WaitQuery query, CaptureFilter filter, (string One, string Many) items, Func<int, T> list, int pageSize,
        HttpRequest request, CaptureStore store, TimeProvider time, WaitOptions options, CancellationToken cancellationToken)
        where T : ICountedList
    {
        if (query.Count is < 1 or > Paging.MaxLimit)
            return Problems.Validation("count", $"must be between 1 and {Paging.MaxLimit} (was {query.Count})");
        if (query.TimeoutMs is < 0 || query.TimeoutMs > options.MaxTimeoutMs)
            return Problems.Validation("timeoutMs", $"must be between 0 and {options.MaxTimeoutMs} (Beacon:Waits:MaxTimeoutMs) (was {query.TimeoutMs})");

        var count = query.Count ?? 1;
        var since = store.Stats.LastSequence;
        var timeout = TimeSpan.FromMilliseconds(query.TimeoutMs ?? options.DefaultTimeoutMs);
        var deadline = time.GetUtcNow() + timeout;
        int matched;
        while (true)
        {
            var left = deadline - time.GetUtcNow();
            matched = await Arrivals.WaitForAsync(store, filter, query.CaptureStage, count, () => list(0).Total, left < TimeSpan.Zero ? TimeSpan.Zero : left, time, cancellationToken);
            if (matched < count)
                break;
            // Counted a moment ago; one may have gone since (a delete), so the answer must still hold the count, or the wait goes on.
            var answer = list(Math.Max(count, pageSize));
            if (answer.Total >= count)
                return TypedResults.Ok(answer);
        }

        return TimedOut(request, count, matched, items, timeout, NearMisses.Since(store, since, filter), store.Stats.LastSequence);
    }

    /// <summary>
    /// The 408: the filters as given, how many matched, and what arrived meanwhile that did not match, in words and as
    /// fields (<c>filters</c>, <c>expected</c>, <c>matched</c>, <c>lastSequence</c>, <c>nearMisses</c>).
    /// </summary>
    private static ProblemHttpResult TimedOut(
        HttpRequest request, int count, int matched, (string One, string Many) items, TimeSpan timeout, IReadOnlyList<NearMiss> misses, long lastSequence)
    {
        var filters = request.Query.Where(q => !WaitParameters.Contains(q.Key)).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var given = filters.Count == 0 ? "any filter" : string.Join(", ", filters.Select(f => $"{f.Key}={f.Value}"));
        var meanwhile = misses.Count == 0 ? " Nothing else arrived meanwhile."
            : $" Meanwhile {Counted(misses.Sum(m => m.Count), ("capture", "captures"))} arrived that did not match: {NearMisses.Describe(misses)}.";
        return Problems.Status(StatusCodes.Status408RequestTimeout, "The wait timed out.",
            $"Waited {timeout.TotalMilliseconds:0} ms for {Counted(count, items)} matching {given}; {matched} matched.{meanwhile}",
            new Dictionary<string, object?>
            {
                ["filters"] = filters,
                ["expected"] = count,
                ["matched"] = matched,
                ["lastSequence"] = lastSequence,
                ["nearMisses"] = misses,
            });
    }

    /// <summary>The parameters of the wait itself, which are not filters.</summary>
    private static readonly HashSet<string> WaitParameters = new(["count", "timeoutMs", "stage", "limit", "order"], StringComparer.Ordinal);

    /// <summary>"1 capture", "2 captures".</summary>
    private static string Counted(int count, (string One, string Many) items) => $"{count} {(count == 1 ? items.One : items.Many)}";
}
