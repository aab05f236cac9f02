using System.ComponentModel;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Features.Captures;

/// <summary>The mock's own API: what arrived, and the state it built from it.</summary>
public static class CaptureEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapCaptureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock").WithTags("Mock");
        group.MapGet("/captures", List).WithName("ListCaptures").WithSummary("List captured requests, oldest first")
            .ProducesValidationProblem();
        group.MapGet("/captures/{sequence:long}", Get).WithName("GetCapture").WithSummary("One captured request by its sequence")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/captures", Delete).WithName("DeleteCaptures").WithSummary("Delete captured requests, all or of one kind");
        group.MapGet("/billing/transactions", Transactions).WithName("ListBillingTransactions")
            .WithSummary("The ingested billing transactions per license, deduplicated");
        group.MapGet("/licenses", Licenses).WithName("ListLicenses").WithSummary("Every license or API key configured or seen");
        return group;
    }

    internal static Results<Ok<CaptureList>, ProblemHttpResult> List([AsParameters] CaptureQuery query, CaptureStore store)
    {
        if (query.Limit is < 1 or > MaxLimit)
            return Problems.Validation("limit", $"must be between 1 and {MaxLimit} (was {query.Limit})");
        if (query.After is < 0)
            return Problems.Validation("after", $"must not be negative (was {query.After})");
        var page = store.Query(query.Filter, query.Limit ?? DefaultLimit);
        return TypedResults.Ok(new CaptureList(page.Items, page.Total, page.LastSequence, page.Evicted));
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

    internal static Ok<BillingView> Transactions(
        [Description("Only this license")] string? license,
        [Description("Only transactions sent under /ns/{namespace}")] string? @namespace,
        BillingLedger ledger) =>
        TypedResults.Ok(ledger.View(license, @namespace));

    internal static Ok<IReadOnlyList<LicenseView>> Licenses(LicenseRegistry licenses) => TypedResults.Ok(licenses.List());
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
}

/// <param name="Total">How many captures in the store match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
/// <param name="Evicted">How many captures the store's caps have evicted since start.</param>
public sealed record CaptureList(IReadOnlyList<Capture.Capture> Items, int Total, long LastSequence, long Evicted);
