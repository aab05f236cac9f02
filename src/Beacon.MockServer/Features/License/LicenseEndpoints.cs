using System.ComponentModel;
using Beacon.MockServer.Api;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Features.License;

/// <summary>
/// Licenses at run time: list them, and set or remove one, everywhere or in one namespace. Changes take
/// effect on the next request; tokens already issued keep the claims they were signed with.
/// </summary>
internal static partial class LicenseEndpoints
{
    public static RouteGroupBuilder MapLicenseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mock/licenses").WithTags("Mock");
        group.MapGet("", List).WithName("ListLicenses")
            .WithSummary("Every license or API key configured, set at run time or seen, as a namespace sees it")
            .ProducesValidationProblem()
            .WithExample("""
                {"items": [{"key": "lcl_demo", "configured": true, "changed": false, "status": "active", "id": null,
                  "orgId": "6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10", "tokenLifetimeSeconds": null, "claims": {"lgp_enabled": true, "users": 25},
                  "verifyCalls": 3, "tokensIssued": 3, "lastSeen": "2026-01-06T10:00:00+00:00"}], "total": 1}
                """);
        group.MapGet("/{key}", Get).WithName("GetLicense")
            .WithSummary("One license or API key, as a namespace sees it")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}", Put).WithName("SetLicense")
            .WithSummary("Set a license's status, ids, token lifetime and claims, from the next request on; 201 when it had no definition there")
            .Accepts<LicenseChangeRequest>("application/json")
            .ProducesValidationProblem();
        group.MapDelete("/{key}", Delete).WithName("RemoveLicense")
            .WithSummary("Remove a license: from the next request on it is unknown")
            .ProducesValidationProblem();
        return group;
    }

    internal static Results<Ok<LicenseList>, ProblemHttpResult> List(
        [FromQuery(Name = "namespace"), Description("As requests sent under /ns/{namespace} see them")] string? ns, LicenseRegistry licenses)
    {
        if (WireNamespace.CheckParameter(ns) is { } problem)
            return problem;
        var items = licenses.List(ns);
        return TypedResults.Ok(new LicenseList(items, items.Count));
    }

    internal static Results<Ok<LicenseView>, ProblemHttpResult> Get(
        string key,
        [FromQuery(Name = "namespace"), Description("As requests sent under /ns/{namespace} see it")] string? ns, LicenseRegistry licenses)
    {
        key = LicensePathMasking.KeyOf(key);
        if ((WireNamespace.CheckParameter(ns) ?? CheckKey(key)) is { } invalid)
            return invalid;
        if (!licenses.Knows(key))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such license.",
                $"The key {Secrets.Mask(key)} was never configured, set or seen (or not tracked: at most {LicenseRegistry.MaxTrackedLicenses} keys are).");
        }
        return TypedResults.Ok(licenses.View(key, ns));
    }

    internal static async Task<Results<Created<LicenseView>, Ok<LicenseView>, ProblemHttpResult>> Put(
        string key,
        [FromQuery(Name = "namespace"), Description("Only for requests sent under /ns/{namespace}; without it, everywhere")] string? ns,
        HttpRequest request, LicenseRegistry licenses, ILogger<LicenseRegistry> logger)
    {
        key = LicensePathMasking.KeyOf(key);
        if ((WireNamespace.CheckParameter(ns) ?? CheckKey(key)) is { } invalid)
            return invalid;
        var (body, problem) = await MockJsonBody.ReadAsync(request, LicenseJson.Default.LicenseChangeRequest, LicenseChangeRequest.Example);
        if (problem is not null)
            return problem;

        var errors = new ValidationErrors();
        var definition = body!.ToDefinition(errors);
        if (definition is null)
            return errors.ToProblem();
        var created = licenses.Definition(key, ns) is null;
        if (!licenses.Set(key, ns, definition))
            return TooMany();
        Log.Changed(logger, Secrets.Mask(key), definition.Status, ns ?? "every namespace");
        var view = licenses.View(key, ns);
        if (!created)
            return TypedResults.Ok(view);
        var location = $"/mock/licenses/{Uri.EscapeDataString(key)}{(ns is null ? "" : $"?namespace={ns}")}";
        return TypedResults.Created(location, view);
    }

    internal static Results<NoContent, ProblemHttpResult> Delete(
        string key,
        [FromQuery(Name = "namespace"), Description("Only for requests sent under /ns/{namespace}; without it, everywhere")] string? ns,
        LicenseRegistry licenses, ILogger<LicenseRegistry> logger)
    {
        key = LicensePathMasking.KeyOf(key);
        if ((WireNamespace.CheckParameter(ns) ?? CheckKey(key)) is { } invalid)
            return invalid;
        if (licenses.Definition(key, ns) is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such license.",
                $"The key {Secrets.Mask(key)} has no definition {(ns is null ? "" : $"in namespace '{ns}' ")}to remove.");
        }
        if (!licenses.Remove(key, ns))
            return TooMany();
        Log.Removed(logger, Secrets.Mask(key), ns ?? "every namespace");
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? CheckKey(string key) =>
        string.IsNullOrWhiteSpace(key) || key.Length > 1024 ? Problems.Validation("key", "must be a non-empty string of at most 1024 characters") : null;

    private static ProblemHttpResult TooMany() =>
        Problems.Status(StatusCodes.Status409Conflict, "Too many license changes.",
            $"At most {LicenseRegistry.MaxTrackedLicenses} run-time license changes are held; POST /mock/reset clears them.");

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "License {License} set to {Status} in {Scope}")]
        public static partial void Changed(ILogger logger, string license, LicenseStatus status, string scope);

        [LoggerMessage(LogLevel.Information, "License {License} removed in {Scope}")]
        public static partial void Removed(ILogger logger, string license, string scope);
    }
}

/// <summary>Every license a namespace sees, ordered by key: as many as are tracked (at most 10,000), so the list is answered whole.</summary>
internal sealed record LicenseList(IReadOnlyList<LicenseView> Items, int Total);
