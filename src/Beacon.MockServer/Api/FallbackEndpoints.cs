using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Beacon.MockServer.Api;

/// <summary>
/// A request to one of the mock's own paths (<see cref="ReservedPaths"/>: <c>/mock</c>, the inspector, the OpenAPI
/// document, <c>/healthz</c>...) that no route takes is a mistake worth a clear answer, never a bare status: a path
/// value of the wrong type (<c>/mock/captures/abc</c>) is a 400 naming the parameter, a wrong method
/// (<c>GET /mock/reset</c>) a 405 with <c>Allow</c> and the method to use, a Content-Type the route does not take a
/// 415, and an unknown path (<c>/mock/capture</c>) a 404 naming the nearest routes. Other paths are the wire's.
/// </summary>
internal static class FallbackEndpoints
{
    public static IEndpointRouteBuilder MapFallbackEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in ReservedPaths.Prefixes)
            app.Map($"/{prefix}/{{**rest}}", Answer).WithOrder(int.MaxValue).WithMetadata(Fallback.Instance).ExcludeFromDescription();
        app.Map("/", Answer).WithOrder(int.MaxValue).WithMetadata(Fallback.Instance).ExcludeFromDescription();
        return app;
    }

    internal static ProblemHttpResult Answer(HttpContext context, RouteDirectory routes)
    {
        var (method, path) = (context.Request.Method, context.Request.Path.Value ?? "/");
        var section = ReservedPaths.SectionOf(path);
        bool Among(KnownRoute route) => ReservedPaths.SectionOf(route.Path) == section && route.Endpoint.Metadata.GetMetadata<Fallback>() is null;
        var matching = routes.Matching(path, Among).ToList();
        if (matching.FirstOrDefault(m => m.Route.Method == method && m.Broken.Count > 0) is { Route: { } route } wrong)
        {
            var errors = new ValidationErrors();
            foreach (var (name, value, constraint) in wrong.Broken)
                errors.Add(name, $"must be {Expected(constraint)} (was '{value}'), as in {route.Method} {route.Path}");
            return errors.ToProblem();
        }
        if (matching.FirstOrDefault(m => m.Route.Method == method && m.Broken.Count == 0) is { Route: { } taken })
            return Unsupported(context, taken);
        var allowed = matching.Where(m => m.Broken.Count == 0).Select(m => m.Route.Method).Distinct().ToList();
        if (allowed.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return Problems.Status(StatusCodes.Status405MethodNotAllowed, "Method not allowed.",
                $"{method} is not a method {path} answers: use {string.Join(" or ", allowed)}.",
                new Dictionary<string, object?> { ["allow"] = allowed });
        }
        var nearest = routes.Nearest(method, path, Among).Select(r => r.ToString()).ToList();
        return Problems.Status(StatusCodes.Status404NotFound, "No such route.",
            $"No route of this mock is {method} {path}{(nearest.Count > 0 ? $"; did you mean {string.Join(", or ", nearest)}?" : ".")}",
            new Dictionary<string, object?> { ["nearest"] = nearest });
    }

    /// <summary>The route takes the method, but routing refused the request for another reason: its Content-Type.</summary>
    private static ProblemHttpResult Unsupported(HttpContext context, KnownRoute route)
    {
        var types = route.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
        var sent = context.Request.ContentType is { Length: > 0 } given ? $"Content-Type '{given}' is" : "A request without a Content-Type is";
        return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
            types.Count > 0 ? $"{sent} not taken by {route}; send {string.Join(" or ", types)}." : $"{sent} not taken by {route}.");
    }

    private static string Expected(string constraint) => constraint switch
    {
        "long" or "int" => "an integer",
        _ => $"a value its route takes ({constraint})",
    };
}

/// <summary>Endpoint metadata of a fallback: its query is the request's mistake to report, not a route's to check.</summary>
internal sealed class Fallback
{
    public static readonly Fallback Instance = new();
}
