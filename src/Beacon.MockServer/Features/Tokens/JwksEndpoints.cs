using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Tokens;

internal static class JwksEndpoints
{
    public static IEndpointConventionBuilder MapJwksEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", GetKeySet)
            .WithTags("License")
            .WithMetadata(WireSurface.Instance)
            .WithName("GetJsonWebKeySet")
            .WithSummary("The public keys that verify license tokens (empty when tokens are HS256)");

    internal static Ok<JsonWebKeySetView> GetKeySet(SigningKeys keys) => TypedResults.Ok(keys.KeySet);
}
