using Beacon.MockServer.Http;

namespace Beacon.MockServer.Pipeline;

/// <summary>The two halves of namespace routing, on either side of <c>UseRouting</c>.</summary>
internal static class WireNamespaceMiddleware
{
    private const string Prefix = "/ns/";

    /// <summary>Before routing: moves <c>/ns/{name}</c> from the path into the path base, so one route table serves both forms.</summary>
    public static IApplicationBuilder UseNamespacePrefix(this IApplicationBuilder app) => app.Use(StripPrefixAsync);

    /// <summary>After routing: lets only the wire routes answer under a namespace, and refuses a bad name in the route's error shape.</summary>
    public static IApplicationBuilder UseNamespaceGuard(this IApplicationBuilder app) => app.Use(GuardAsync);

    private static async Task StripPrefixAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var end = path.IndexOf('/', Prefix.Length);
        var name = end < 0 ? path[Prefix.Length..] : path[Prefix.Length..end];
        var (pathBase, original) = (context.Request.PathBase, context.Request.Path);
        context.Features.Set(new WireNamespace(name));
        context.Request.PathBase = pathBase.Add(Prefix + name);
        context.Request.Path = end < 0 ? "/" : path[end..];
        try
        {
            await next(context);
        }
        finally
        {
            // Logging and the exception handler see the path the client sent.
            (context.Request.PathBase, context.Request.Path) = (pathBase, original);
        }
    }

    private static Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<WireNamespace>() is not { } ns)
            return next(context);

        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<WireRoute>() is null && endpoint?.Metadata.GetMetadata<WireSurface>() is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Not a wire route.",
                $"Only Beacon's wire routes answer under /ns/{{namespace}}; '{context.Request.Path}' is not one. "
                + "The mock's own API takes the namespace as a query parameter instead: ?namespace=" + ns.Name + ".").ExecuteAsync(context);
        }
        if (!WireNamespace.IsValid(ns.Name))
        {
            var failure = new BodyFailure(StatusCodes.Status400BadRequest, "Invalid namespace.",
                $"The namespace '{ns.Name}' is not valid: use {WireNamespace.Rule}.");
            return context.Refusal(failure).ExecuteAsync(context);
        }
        return next(context);
    }
}
