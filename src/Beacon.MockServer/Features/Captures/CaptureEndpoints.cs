using System.ComponentModel;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Captures;

/// <summary>The mock's own API: what arrived, and the state it built from it.</summary>
internal static class CaptureEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>
    /// The paging every /mock list shares: <c>limit</c> 1 to 1000, <c>after</c> not negative. Null when both are fine.
    /// (<c>order</c> is one of its words by the time a handler runs: <see cref="StrictQuery"/> has checked it.)
    /// </summary>
    public static ProblemHttpResult? CheckPage(int? limit, long? after) =>
        limit is < 1 or > MaxLimit ? Problems.Validation("limit", $"must be between 1 and {MaxLimit} (was {limit})")
        : after is < 0 ? Problems.Validation("after", $"must not be negative (was {after})")
        : null;

    public static RouteGroupBuilder MapCaptureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock").WithTags("Mock");
        group.MapGet("/captures", List).WithName("ListCaptures").WithSummary("List captured requests, oldest first (newest first with order=desc)")
            .ProducesValidationProblem()
            .WithExample($$"""{"items": [{{OpenApiExamples.Capture}}], "total": 1, "lastSequence": 7, "evicted": 0}""");
        group.MapGet("/captures/wait", Wait).WithName("WaitForCaptures")
            .WithSummary("Wait until at least count captures match the filters, then list them")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status408RequestTimeout)
            .WithExample($$"""{"items": [{{OpenApiExamples.Capture}}], "total": 1, "lastSequence": 7, "evicted": 0}""");
        group.MapGet("/captures/{sequence:long}", Get).WithName("GetCapture").WithSummary("One captured request by its sequence")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(OpenApiExamples.Capture);
        group.MapDelete("/captures", Delete).WithName("DeleteCaptures").WithSummary("Delete captured requests, all or of one kind");
        group.MapPost("/reset", Reset).WithName("Reset")
            .WithSummary("Clear the captures and billing ledger, and put fault rules and licenses back to the startup configuration")
            .WithDescription("With namespace, only that namespace's captures, ledger, fault rules and license changes.")
            .ProducesValidationProblem();
        return group;
    }

    internal static Results<Ok<CaptureList>, ProblemHttpResult> List([AsParameters] CaptureQuery query, CaptureStore store)
    {
        if (query.Check() is { } problem)
            return problem;
        return TypedResults.Ok(Page(store, query.Filter, query.PageSize, query.NewestFirst));
    }

    internal static async Task<Results<Ok<CaptureList>, ProblemHttpResult>> Wait(
        [AsParameters] CaptureQuery query, [AsParameters] WaitQuery wait,
        CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken)
    {
        if (query.Check() is { } problem)
            return problem;
        var filter = query.Filter with { CompletedOnly = wait.CaptureStage == CaptureStage.Completed };
        return await Waits.RunAsync(wait, filter, "captures",
            list: limit => Page(store, filter, limit, query.NewestFirst), query.PageSize,
            store, time, options.Value.Waits, cancellationToken);
    }

    private static CaptureList Page(CaptureStore store, CaptureFilter filter, int limit, bool newestFirst = false)
    {
        var page = store.Query(filter, limit, newestFirst);
        return new CaptureList(page.Items, page.Total, page.LastSequence, page.Evicted);
    }

    internal static Results<Ok<Capture>, ProblemHttpResult> Get(long sequence, CaptureStore store) =>
        store.Find(sequence) is { } capture
            ? TypedResults.Ok(capture)
            : Problems.Status(StatusCodes.Status404NotFound, "No such capture.",
                $"No capture has sequence {sequence}: it was never assigned, or was evicted or deleted.");

    internal static NoContent Delete(
        [Description("Only captures of this kind")] string? kind,
        [Description("Only captures sent under /ns/{namespace}")] string? @namespace,
        CaptureStore store, IEnumerable<ICaptureDerived> derived)
    {
        store.Remove(new CaptureFilter(Kind: kind, Namespace: @namespace));
        // What a feature built from these captures (the billing ledger from ingest-traces) goes with them.
        foreach (var state in derived.Where(d => kind is null || d.Kind == kind))
            state.Clear(@namespace);
        return TypedResults.NoContent();
    }

    internal static Results<NoContent, ProblemHttpResult> Reset(
        [Description("Only what belongs to this namespace")] string? @namespace, CaptureStore store, IEnumerable<IResettable> states)
    {
        if (WireNamespace.CheckParameter(@namespace) is { } invalid)
            return invalid;
        store.Remove(new CaptureFilter(Namespace: @namespace));
        foreach (var state in states)
            state.Reset(@namespace);
        return TypedResults.NoContent();
    }
}

/// <summary>The filters of <c>GET /mock/captures</c>.</summary>
internal sealed record CaptureQuery
{
    [FromQuery(Name = "kind"), Description("Only captures of this kind")]
    public string? Kind { get; init; }

    [FromQuery(Name = "license"), Description("Only captures carrying this license or API key")]
    public string? License { get; init; }

    [FromQuery(Name = "namespace"), Description("Only captures sent under /ns/{namespace}")]
    public string? Namespace { get; init; }

    [FromQuery(Name = "after"), Description("Only captures with a sequence greater than this")]
    public long? After { get; init; }

    [FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")]
    public int? Limit { get; init; }

    [FromQuery(Name = "order"), Description("asc: oldest first (the default); desc: newest first")]
    public string? Order { get; init; }

    public CaptureFilter Filter => new(Kind, License, After, Namespace);

    public int PageSize => Limit ?? CaptureEndpoints.DefaultLimit;

    public bool NewestFirst => Order == "desc";

    public ProblemHttpResult? Check() => CaptureEndpoints.CheckPage(Limit, After);
}

/// <param name="Total">How many captures in the store match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
/// <param name="Evicted">How many captures the store's caps have evicted since start.</param>
internal sealed record CaptureList(IReadOnlyList<Capture> Items, int Total, long LastSequence, long Evicted) : ICountedList;
