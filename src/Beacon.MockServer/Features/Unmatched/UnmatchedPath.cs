using Beacon.MockServer.Api;

namespace Beacon.MockServer.Features.Unmatched;

/// <summary>
/// The route constraint of the unmatched route: any path but the mock's own (<see cref="ReservedPaths"/>), which a
/// deployment never calls and whose mistakes the fallbacks answer.
/// </summary>
internal sealed class UnmatchedPath : IRouteConstraint
{
    public const string Name = "unmatched";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        ReservedPaths.SectionOf(values.TryGetValue(routeKey, out var value) ? value?.ToString() ?? "" : "") is null;
}
