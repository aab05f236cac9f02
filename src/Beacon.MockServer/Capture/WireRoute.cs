namespace Beacon.MockServer.Capture;

/// <summary>Endpoint metadata that marks a route as part of the wire surface, captured as <see cref="Kind"/>.</summary>
public sealed record WireRoute(string Kind);

public static class WireRouteExtensions
{
    /// <summary>Captures every request to this endpoint as <paramref name="kind"/>.</summary>
    public static TBuilder CapturedAs<TBuilder>(this TBuilder builder, string kind)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new WireRoute(kind));
}
