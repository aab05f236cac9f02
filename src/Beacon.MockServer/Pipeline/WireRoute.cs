using Beacon.MockServer.Http;

namespace Beacon.MockServer.Pipeline;

/// <summary>Endpoint metadata that marks a route as part of the wire surface, captured as <see cref="Kind"/>.</summary>
internal sealed record WireRoute(string Kind, IWireFormat Format);

/// <summary>
/// A capture kind a feature's routes record, registered so that the /mock API and fault rules know every kind, and
/// the OpenAPI document can say what a capture of the kind holds.
/// </summary>
/// <param name="Title">The kind in PascalCase, for schema names: <c>IngestTraces</c>.</param>
/// <param name="Payload">What <c>payload</c> holds for this kind; null when the route reads no body.</param>
/// <param name="Details">What <c>details</c> holds besides a refusal; null when only a refusal can be recorded.</param>
internal sealed record WireKind(string Name, string Title, Type? Payload = null, Type? Details = null);

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

    /// <summary>Makes a kind known to the /mock API, to fault rules and to the OpenAPI document.</summary>
    public static IServiceCollection AddWireKind(this IServiceCollection services, WireKind kind) => services.AddSingleton(kind);

    /// <summary>The answer to a request refused before its handler ran, in the shape of the route it was routed to.</summary>
    public static IResult Refusal(this HttpContext context, BodyFailure failure) =>
        context.GetEndpoint()?.Metadata.GetMetadata<WireRoute>()?.Format.Refuse(context, failure) ?? failure.ToProblem();
}
