using System.Text.Json.Serialization;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Features.Auth;

/// <summary>
/// LangSmith's API-key check (<c>/auth</c> on the API host), which the LangGraph server calls with the key in
/// <c>X-Api-Key</c> (as <c>GET /auth?langgraph-api=true</c>; the docs say POST).
/// </summary>
internal static class AuthEndpoints
{
    public const string Kind = "auth";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/auth", [HttpMethods.Get, HttpMethods.Post], Authenticate)
            .CapturedAs(Kind, new PlainWireFormat(CredentialHeaders.ApiKey))
            .WithTags("Auth")
            .WithName("AuthenticateApiKey")
            .WithSummary("Check the API key in X-Api-Key and answer its organization")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    internal static Results<Ok<AuthResponse>, ProblemHttpResult> Authenticate(
        WireRequest request, ILicensePolicy licenses, [FromHeader(Name = CredentialHeaders.ApiKey)] string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
            return Problems.Status(StatusCodes.Status401Unauthorized, "API key missing.", $"Send the API key in the {CredentialHeaders.ApiKey} header.");

        var verdict = (LicenseDecision)licenses.Decide(apiKey, request);
        if (!verdict.Accepted)
        {
            request.RecordRefusal(verdict);
            return verdict.ToProblem("API key");
        }
        return TypedResults.Ok(new AuthResponse(new OrgConfig(LicenseDefinition.OrganizationOf(apiKey, verdict.Definition))));
    }
}

internal sealed record AuthResponse([property: JsonPropertyName("org_config")] OrgConfig OrgConfig);

internal sealed record OrgConfig([property: JsonPropertyName("org_id")] Guid OrgId);

[JsonSerializable(typeof(AuthResponse))]
internal sealed partial class AuthJson : JsonSerializerContext;
