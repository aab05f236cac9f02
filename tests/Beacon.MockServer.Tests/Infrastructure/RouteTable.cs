using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>The app's own route table, so that a test over "every route" covers a route added later too.</summary>
internal static partial class RouteTable
{
    /// <summary>
    /// Every method and path the app maps (GET for an endpoint that takes any method), with each route
    /// parameter filled in: <c>1</c> for a numeric one, <paramref name="text"/> for any other.
    /// </summary>
    public static IReadOnlyList<(string Method, string Path)> Routes(this BeaconApplication app, string text = "x") =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // A fallback (a catch-all) is not a route a client calls: it answers the requests no route takes.
            .Where(e => e.RoutePattern.RawText is not null && !e.RoutePattern.Parameters.Any(p => p.IsCatchAll) && e.Metadata.GetMetadata<Beacon.MockServer.Api.Fallback>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, Fill(e.RoutePattern.RawText!, text))))];

    private static string Fill(string pattern, string text) =>
        Parameter().Replace(pattern.TrimEnd('/'), m => m.Groups[2].Success ? "1" : text) switch
        {
            "" => "/",
            var path => path,
        };

    [GeneratedRegex(@"\{(\w+)(:long|:int)?\}")]
    private static partial Regex Parameter();
}
