namespace Beacon.MockServer.Pipeline;

/// <summary>
/// A capture kind a feature's routes record, registered so that the /mock API and fault rules know every kind, and
/// the OpenAPI document can say what a capture of the kind holds.
/// </summary>
/// <param name="Title">The kind in PascalCase, for schema names: <c>IngestTraces</c>.</param>
/// <param name="Payload">What <c>payload</c> holds for this kind; null when the route reads no body.</param>
/// <param name="Details">What <c>details</c> holds besides a refusal; null when only a refusal can be recorded.</param>
/// <param name="AnswersPartialSuccess">Whether its route can answer a partial success (OTLP's), as a fault rule may ask.</param>
internal sealed record WireKind(string Name, string Title, Type? Payload = null, Type? Details = null, bool AnswersPartialSuccess = false);

internal static class WireKindExtensions
{
    /// <summary>Makes a kind known to the /mock API, to fault rules and to the OpenAPI document.</summary>
    public static IServiceCollection AddWireKind(this IServiceCollection services, WireKind kind) => services.AddSingleton(kind);
}
