using System.ComponentModel;
using Beacon.MockServer.Api;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Faults;

/// <summary>The mock's own API for fault rules: what a wire request is answered with instead of the real answer.</summary>
internal static class FaultEndpoints
{
    public static RouteGroupBuilder MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock").WithTags("Mock");
        group.MapPost("/faults", Add).WithName("AddFaultRule")
            .WithSummary("Add a fault rule: which wire requests it matches, what it does to them, and how often")
            .Accepts<FaultRuleRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/faults", List).WithName("ListFaultRules")
            .WithSummary("List the fault rules, oldest first, with how often each has fired")
            .WithExample("""
                {"items": [{"id": 1, "match": {"kind": "verify", "license": null, "namespace": null, "path": null}, "status": 503, "body": null,
                  "retryAfter": 30, "delayMs": 0, "dropConnection": false, "partialSuccess": null, "times": 2, "probability": null, "seed": null,
                  "configured": false, "fired": 1, "remaining": 1, "spent": false}], "total": 1}
                """);
        group.MapDelete("/faults/{id:long}", Delete).WithName("DeleteFaultRule").WithSummary("Delete one fault rule")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/faults", DeleteAll).WithName("DeleteFaultRules")
            .WithSummary("Delete every fault rule, or those scoped to one namespace");
        return group;
    }

    internal static async Task<Results<Created<FaultRule>, ProblemHttpResult>> Add(HttpRequest request, FaultRegistry rules, IEnumerable<WireKind> kinds)
    {
        var (body, problem) = await MockJsonBody.ReadAsync(request, FaultJson.Default.FaultRuleRequest, """{"status": 503}""");
        if (problem is not null)
            return problem;

        var errors = new ValidationErrors();
        FaultRuleValidator.Validate(body!, FaultFieldNames.Json, [.. kinds], errors.Add);
        if (errors.Any)
            return errors.ToProblem();

        if (rules.Add(FaultRule.From(body!, configured: false)) is not { } rule)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Too many fault rules.",
                $"At most {FaultRegistry.MaxRules} fault rules are held; DELETE /mock/faults or POST /mock/reset clears them.");
        }
        return TypedResults.Created($"/mock/faults/{rule.Id}", rule);
    }

    internal static Ok<FaultRuleList> List([Description("Only rules scoped to this namespace")] string? @namespace, FaultRegistry rules)
    {
        var items = rules.List(@namespace);
        return TypedResults.Ok(new FaultRuleList(items, items.Count));
    }

    internal static Results<NoContent, ProblemHttpResult> Delete(long id, FaultRegistry rules) =>
        rules.Remove(id)
            ? TypedResults.NoContent()
            : Problems.Status(StatusCodes.Status404NotFound, "No such fault rule.",
                $"No fault rule has id {id}: it was never added, or was deleted.");

    internal static NoContent DeleteAll([Description("Only rules scoped to this namespace")] string? @namespace, FaultRegistry rules)
    {
        rules.Clear(@namespace);
        return TypedResults.NoContent();
    }
}
