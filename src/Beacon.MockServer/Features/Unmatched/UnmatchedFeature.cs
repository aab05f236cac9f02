using Beacon.MockServer.Pipeline;

namespace Beacon.MockServer.Features.Unmatched;

internal static class UnmatchedFeature
{
    /// <summary>Requests no route serves, captured as kind <c>unmatched</c> and answered with the nearest routes.</summary>
    public static IServiceCollection AddUnmatched(this IServiceCollection services)
    {
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<UnmatchedPath>(UnmatchedPath.Name));
        return services.AddWireKind(UnmatchedEndpoints.Kind);
    }
}
