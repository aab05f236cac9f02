using System.ComponentModel;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Captures;

/// <summary>The mock's own API: what arrived, and the state it built from it.</summary>
public static class CaptureEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The paging every /mock list shares: <c>limit</c> 1 to 1000, <c>after</c> not negative. Null when both are fine.</summary>
    public static ProblemHttpResult? CheckPage(int? limit, long? after) =>
        limit is < 1 or > MaxLimit ? Problems.Validation("limit", $"must be between 1 and {MaxLimit} (was {limit})")
        : after is < 0 ? Problems.Validation("after", $"must not be negative (was {after})")
        : null;

    public static RouteGroupBuilder MapCaptureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock").WithTags("Mock");
        group.MapGet("/captures", List).WithName("ListCaptures").WithSummary("List captured requests, oldest first")
            .ProducesValidationProblem();
        group.MapGet("/captures/wait", Wait).WithName("WaitForCaptures")
            .WithSummary("Wait until at least count captures match the filters, then list them")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status408RequestTimeout);
        group.MapGet("/captures/{sequence:long}", Get).WithName("GetCapture").WithSummary("One captured request by its sequence")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/captures", Delete).WithName("DeleteCaptures").WithSummary("Delete captured requests, all or of one kind");
        group.MapPost("/reset", Reset).WithName("Reset")
            .WithSummary("Clear the captures and billing ledger, and put fault rules and licenses back to the startup configuration")
            .WithDescription("With namespace, only that namespace's captures, ledger, fault rules and license changes.")
            .ProducesValidationProblem();
        group.MapGet("/billing/transactions", Transactions).WithName("ListBillingTransactions")
            .WithSummary("The ingested billing transactions per license, deduplicated");
        return group;
    }

    internal static Results<Ok<CaptureList>, ProblemHttpResult> List([AsParameters] CaptureQuery query, CaptureStore store)
    {
        if (query.Check() is { } problem)
            return problem;
        return TypedResults.Ok(Page(store, query.Filter, query.PageSize));
    }

    internal static async Task<Results<Ok<CaptureList>, ProblemHttpResult>> Wait(
        [AsParameters] CaptureQuery query, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken)
    {
        if (query.Check() is { } problem)
            return problem;
        return await Waits.RunAsync(wait, query.After, "captures",
            countAfter: after => Count(store, query.Filter with { After = after }),
            list: count => Page(store, query.Filter, Math.Max(count, query.PageSize)),
            store, time, options.Value.Waits, cancellationToken);
    }

    private static (int Matched, long LastSequence) Count(CaptureStore store, CaptureFilter filter)
    {
        var page = store.Query(filter, limit: 0);
        return (page.Total, page.LastSequence);
    }

    private static CaptureList Page(CaptureStore store, CaptureFilter filter, int limit)
    {
        var page = store.Query(filter, limit);
        return new CaptureList(page.Items, page.Total, page.LastSequence, page.Evicted);
    }

    internal static Results<Ok<Capture.Capture>, ProblemHttpResult> Get(long sequence, CaptureStore store) =>
        store.Find(sequence) is { } capture
            ? TypedResults.Ok(capture)
            : Problems.Status(StatusCodes.Status404NotFound, "No such capture.",
                $"No capture has sequence {sequence}: it was never assigned, or was evicted or deleted.");

    internal static NoContent Delete(
        [Description("Only captures of this kind")] string? kind,
        [Description("Only captures sent under /ns/{namespace}")] string? @namespace,
        CaptureStore store, BillingLedger ledger)
    {
        store.Remove(new CaptureFilter(Kind: kind, Namespace: @namespace));
        // The ledger is what ingest-traces captures built; it goes with them.
        if (kind is null or CaptureKinds.IngestTraces)
            ledger.Clear(@namespace);
        return TypedResults.NoContent();
    }

    internal static Results<NoContent, ProblemHttpResult> Reset(
        [Description("Only what belongs to this namespace")] string? @namespace, CaptureStore store, BillingLedger ledger, LicenseRegistry licenses, FaultRegistry faults)
    {
        if (WireNamespace.CheckParameter(@namespace) is { } invalid)
            return invalid;
        store.Remove(new CaptureFilter(Namespace: @namespace));
        ledger.Clear(@namespace);
        licenses.Reset(@namespace);
        faults.Reset(@namespace);
        return TypedResults.NoContent();
    }

    internal static Ok<BillingView> Transactions(
        [Description("Only this license")] string? license,
        [Description("Only transactions sent under /ns/{namespace}")] string? @namespace,
        BillingLedger ledger) =>
        TypedResults.Ok(ledger.View(license, @namespace));
}

/// <summary>The filters of <c>GET /mock/captures</c>.</summary>
public sealed record CaptureQuery(
    [property: FromQuery(Name = "kind"), Description("Only captures of this kind: verify, ingest-traces, usage-snapshot, metadata, auth")] string? Kind,
    [property: FromQuery(Name = "license"), Description("Only captures carrying this license or API key")] string? License,
    [property: FromQuery(Name = "namespace"), Description("Only captures sent under /ns/{namespace}")] string? Namespace,
    [property: FromQuery(Name = "after"), Description("Only captures with a sequence greater than this")] long? After,
    [property: FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")] int? Limit)
{
    public CaptureFilter Filter => new(Kind, License, After, Namespace);

    public int PageSize => Limit ?? CaptureEndpoints.DefaultLimit;

    public ProblemHttpResult? Check() => CaptureEndpoints.CheckPage(Limit, After);
}

/// <param name="Total">How many captures in the store match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
/// <param name="Evicted">How many captures the store's caps have evicted since start.</param>
public sealed record CaptureList(IReadOnlyList<Capture.Capture> Items, int Total, long LastSequence, long Evicted) : ICountedList;
