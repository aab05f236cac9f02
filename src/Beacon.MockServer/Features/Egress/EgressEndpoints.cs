using System.ComponentModel;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Features.Egress;

/// <summary>The egress audit's routes: the report (JSON, Markdown, JUnit), the baseline, and a comparison with one.</summary>
internal static class EgressEndpoints
{
    public const string MarkdownType = "text/markdown; charset=utf-8";
    public const string JUnitType = "application/xml; charset=utf-8";

    /// <summary>A baseline of every field path the caps allow is a few megabytes at most.</summary>
    private const int MaxBaselineBytes = 8 * 1024 * 1024;

    public static RouteGroupBuilder MapEgressEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock/egress").WithTags("Mock");
        group.MapGet("", Report).WithName("GetEgressReport")
            .WithSummary("What the deployment sent, against what Beacon's pages promise: endpoints, fields and a verdict per promise")
            .WithDescription("format=markdown for people, format=junit (one testcase per promise) for CI; namespace scopes it to one namespace's traffic.")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown", "application/xml")
            .ProducesValidationProblem();
        group.MapGet("/baseline", Baseline).WithName("GetEgressBaseline")
            .WithSummary("The inventory without counts or examples (endpoints, field paths and their types), to compare a later run with")
            .ProducesValidationProblem();
        group.MapPost("/compare", Compare).WithName("CompareEgressBaseline")
            .WithSummary("What is new, gone or changed since a baseline: CI fails on a field nobody approved")
            .Accepts<EgressBaseline>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    internal static Results<Ok<EgressReport>, ContentHttpResult, ProblemHttpResult> Report(
        [FromQuery(Name = "format"), Description("json (the default), markdown, or junit")] string? format,
        [FromQuery(Name = "namespace"), Description("Only traffic sent under /ns/{namespace}")] string? @namespace,
        EgressAudit audit, TimeProvider time)
    {
        if (WireNamespace.CheckParameter(@namespace) is { } invalid)
            return invalid;
        var report = EgressReports.Report(audit, @namespace, time.GetUtcNow());
        return format switch
        {
            "markdown" => TypedResults.Text(EgressMarkdown.Write(report), MarkdownType),
            "junit" => TypedResults.Text(EgressJUnit.Write(report), JUnitType),
            _ => TypedResults.Ok(report),
        };
    }

    internal static Results<Ok<EgressBaseline>, ProblemHttpResult> Baseline(
        [FromQuery(Name = "namespace"), Description("Only traffic sent under /ns/{namespace}")] string? @namespace, EgressAudit audit)
    {
        if (WireNamespace.CheckParameter(@namespace) is { } invalid)
            return invalid;
        return TypedResults.Ok(EgressReports.Baseline(audit, @namespace));
    }

    internal static async Task<Results<Ok<EgressComparison>, ProblemHttpResult>> Compare(
        [FromQuery(Name = "namespace"), Description("Compare only traffic sent under /ns/{namespace}")] string? @namespace,
        HttpRequest request, EgressAudit audit)
    {
        if (WireNamespace.CheckParameter(@namespace) is { } invalid)
            return invalid;
        var (baseline, problem) = await MockJsonBody.ReadAsync(request, EgressJson.Default.EgressBaseline,
            """{"endpoints": [{"kind": "verify", "method": "POST", "path": "/v1/beacon/verify"}], "fields": [{"kind": "verify", "path": "license", "category": "field", "types": ["string"]}]}""",
            MaxBaselineBytes);
        if (problem is not null)
            return problem;
        var errors = new ValidationErrors();
        baseline!.Validate(errors);
        if (errors.Any)
            return errors.ToProblem();
        return TypedResults.Ok(baseline.Compare(EgressReports.Baseline(audit, @namespace)));
    }
}
