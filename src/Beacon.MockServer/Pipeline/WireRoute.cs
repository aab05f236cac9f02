using Beacon.MockServer.Http;

namespace Beacon.MockServer.Pipeline;

/// <summary>Endpoint metadata that marks a route as part of the wire surface, captured as <see cref="Kind"/>.</summary>
internal sealed record WireRoute(string Kind, IWireFormat Format);

/// <summary>A capture kind a feature's routes record, registered so that the /mock API and fault rules know every kind.</summary>
internal sealed record WireKind(string Name);

/// <summary>Endpoint metadata for a wire route that is not captured (the JWKS), so it answers under a namespace too.</summary>
internal sealed class WireSurface
{
    public static readonly WireSurface Instance = new();
}

internal static class WireRouteExtensions
{
    /// <summary>Captures every request to this endpoint as <paramref name="kind"/>, its body read as <paramref name="format"/>.</summary>
    public static TBuilder CapturedAs<TBuilder>(this TBuilder builder, string kind, IWireFormat format)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new WireRoute(kind, format));

    /// <summary>Makes <paramref name="kind"/> known to the /mock API and to fault rules.</summary>
    public static IServiceCollection AddWireKind(this IServiceCollection services, string kind) => services.AddSingleton(new WireKind(kind));

    /// <summary>The answer to a request refused before its handler ran, in the shape of the route it was routed to.</summary>
    public static IResult Refusal(this HttpContext context, BodyFailure failure) =>
        context.GetEndpoint()?.Metadata.GetMetadata<WireRoute>()?.Format.Refuse(context, failure) ?? failure.ToProblem();
}
