using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Tokens;

internal static class TokensFeature
{
    /// <summary>Verify, which answers an accepted license with a token; the key that signs tokens, the issuer, and the published key set.</summary>
    public static IServiceCollection AddTokens(this IServiceCollection services)
    {
        services.AddBeaconOptions<TokenOptions>(TokenOptions.Section);
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddJsonContext(TokensJson.Default);
        return services.AddWireKind(VerifyEndpoints.Kind);
    }
}
