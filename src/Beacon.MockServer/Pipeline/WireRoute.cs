using Beacon.MockServer.Http;

namespace Beacon.MockServer.Capture;

/// <summary>Endpoint metadata that marks a route as part of the wire surface, captured as <see cref="Kind"/>.</summary>
public sealed record WireRoute(string Kind, WireFormat Format);

public static class WireRouteExtensions
{
    /// <summary>Captures every request to this endpoint as <paramref name="kind"/>, its body read as <paramref name="format"/> (JSON by default).</summary>
    public static TBuilder CapturedAs<TBuilder>(this TBuilder builder, string kind, WireFormat? format = null)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new WireRoute(kind, format ?? JsonWireFormat.Instance));

    /// <summary>The answer to a request refused before its handler ran, in the shape of the route it was routed to: a Status on OTLP, a problem elsewhere.</summary>
    public static IResult Refusal(this HttpContext context, BodyFailure failure) =>
        context.GetEndpoint()?.Metadata.GetMetadata<WireRoute>()?.Format.Refuse(context, failure) ?? failure.ToProblem();
}
