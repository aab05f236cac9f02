using System.Text.Json.Serialization;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Features.Auth;

/// <summary>
/// LangSmith's API-key check (<c>/auth</c> on the API host), which the LangGraph server calls with the
/// key in <c>X-Api-Key</c> (as <c>GET /auth?langgraph-api=true</c>; the docs say POST).
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/auth", [HttpMethods.Get, HttpMethods.Post], Authenticate)
            .CapturedAs(CaptureKinds.Auth)
            .WithTags("Auth")
            .WithName("AuthenticateApiKey")
            .WithSummary("Check the API key in X-Api-Key and answer its organization")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    internal static Results<Ok<AuthResponse>, ProblemHttpResult> Authenticate(
        WireRequest request, LicenseRegistry licenses,
        [FromHeader(Name = CapturedHeaders.ApiKey)] string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "API key missing.",
                $"Send the API key in the {CapturedHeaders.ApiKey} header.");
        }

        var decision = licenses.Check(apiKey, request.Namespace);
        if (!decision.Accepted)
            return LicenseRefusals.Refuse(request, decision, "API key");

        var orgId = LicenseRegistry.OrganizationOf(apiKey, decision.Definition);
        return TypedResults.Ok(new AuthResponse(new OrgConfig(orgId)));
    }
}

public sealed record AuthResponse([property: JsonPropertyName("org_config")] OrgConfig OrgConfig);

public sealed record OrgConfig([property: JsonPropertyName("org_id")] Guid OrgId);
