using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Captures;

internal static class CapturesFeature
{
    /// <summary>The /mock capture API: what it writes besides captures themselves.</summary>
    public static IServiceCollection AddCaptures(this IServiceCollection services) => services.AddJsonContext(CapturesJson.Default);
}
