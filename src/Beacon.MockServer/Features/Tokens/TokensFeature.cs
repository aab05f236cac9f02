using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Tokens;

internal static class TokensFeature
{
    /// <summary>The key that signs license tokens, the issuer, and the published key set.</summary>
    public static IServiceCollection AddTokens(this IServiceCollection services)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddSingleton<SigningKeys>();
        return services.AddSingleton<TokenIssuer>();
    }
}
