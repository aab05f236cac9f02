using System.ComponentModel;
using Beacon.MockServer.Api;
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

    internal static Results<Ok<CaptureList>, ProblemHttpResult> List([AsParameters] CaptureQuery query, [AsParameters] Paging paging, CaptureStore store)
    {
        if (paging.Check() is { } problem)
            return problem;
        return TypedResults.Ok(Page(store, query.Filter(paging), paging.PageSize, paging.NewestFirst));
    }

    internal static async Task<Results<Ok<CaptureList>, ProblemHttpResult>> Wait(
        [AsParameters] CaptureQuery query, [AsParameters] Paging paging, [AsParameters] WaitQuery wait,
        HttpRequest request, CaptureStore store, TimeProvider time, IOptions<BeaconOptions> options, CancellationToken cancellationToken)
    {
        if (paging.Check() is { } problem)
            return problem;
        var filter = query.Filter(paging) with { CompletedOnly = wait.CaptureStage == CaptureStage.Completed };
        return await Waits.RunAsync(wait, filter, ("capture", "captures"),
            list: limit => Page(store, filter, limit, paging.NewestFirst), paging.PageSize,
            request, store, time, options.Value.Waits, cancellationToken);
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

/// <summary>The filters of <c>GET /mock/captures</c> and its wait, stream and export; <see cref="Paging"/> goes beside them.</summary>
internal sealed record CaptureQuery
{
    [FromQuery(Name = "kind"), Description("Only captures of this kind")]
    public string? Kind { get; init; }

    [FromQuery(Name = "license"), Description("Only captures carrying this license or API key")]
    public string? License { get; init; }

    [FromQuery(Name = "namespace"), Description("Only captures sent under /ns/{namespace}")]
    public string? Namespace { get; init; }

    /// <summary>The captures these filters and the page's <c>after</c> mean.</summary>
    public CaptureFilter Filter(Paging paging) => new(Kind, License, paging.After, Namespace);
}

/// <param name="Total">How many captures in the store match the filters, whatever the limit.</param>
/// <param name="LastSequence">The newest sequence assigned so far: pass it as <c>after</c> to see only what comes next.</param>
/// <param name="Evicted">How many captures the store's caps have evicted since start.</param>
internal sealed record CaptureList(IReadOnlyList<Capture> Items, int Total, long LastSequence, long Evicted) : ICountedList;
