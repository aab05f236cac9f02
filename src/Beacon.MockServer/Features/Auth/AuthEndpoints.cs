using System.Text.Json.Serialization;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Features.Auth;

/// <summary>
/// LangSmith's API-key check (<c>/auth</c> on the API host), which the LangGraph server calls with the key in
/// <c>X-Api-Key</c> (as <c>GET /auth?langgraph-api=true</c>; the docs say POST). The pipeline refuses a missing key
/// (401) or a refused one (403) before this runs.
/// </summary>
internal static class AuthEndpoints
{
    public static readonly WireKind Kind = new("auth", "Auth");

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/auth", [HttpMethods.Get, HttpMethods.Post], Authenticate)
            .CapturedAs(Kind, PlainWireFormat.Instance, new WireCredential("API key", [CredentialHeaders.ApiKey], CredentialMissing.Refused))
            .WithTags("Auth")
            .WithName("AuthenticateApiKey")
            .WithSummary("Check the API key in X-Api-Key and answer its organization")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The key is read by the pipeline, not bound by the handler: declare it here.
                (operation.Parameters ??= []).Add(new OpenApiParameter
                {
                    Name = CredentialHeaders.ApiKey,
                    In = ParameterLocation.Header,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                return Task.CompletedTask;
            });
        return app;
    }

    internal static Ok<AuthResponse> Authenticate(WireRequest request) =>
        TypedResults.Ok(new AuthResponse(new OrgConfig(request.License!.Organization)));
}

internal sealed record AuthResponse([property: JsonPropertyName("org_config")] OrgConfig OrgConfig);

internal sealed record OrgConfig([property: JsonPropertyName("org_id")] Guid OrgId);

[JsonSerializable(typeof(AuthResponse))]
internal sealed partial class AuthJson : JsonSerializerContext;
