using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;

namespace Beacon.MockServer.Features.Auth;

internal static class AuthFeature
{
    /// <summary>LangSmith's API-key check.</summary>
    public static IServiceCollection AddAuth(this IServiceCollection services) =>
        services.AddWireKind(AuthEndpoints.Kind).AddJsonContext(AuthJson.Default);
}
