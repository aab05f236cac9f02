namespace Beacon.MockServer.Pipeline;

/// <summary>
/// Endpoint metadata that marks a route as part of the wire surface: captured as <see cref="Kind"/>, its body read as
/// <see cref="Format"/>, its credential taken as <see cref="Credential"/> says.
/// </summary>
internal sealed record WireRoute(WireKind Kind, IWireFormat Format, WireCredential Credential);

/// <summary>Endpoint metadata for a wire route that is not captured (the JWKS), so it answers under a namespace too.</summary>
internal sealed class WireSurface
{
    public static readonly WireSurface Instance = new();
}

internal static class WireRouteExtensions
{
    /// <summary>Captures every request to this endpoint as <paramref name="kind"/>, its body read as <paramref name="format"/>.</summary>
    public static TBuilder CapturedAs<TBuilder>(this TBuilder builder, WireKind kind, IWireFormat format, WireCredential credential)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new WireRoute(kind, format, credential));
}
