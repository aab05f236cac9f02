using Beacon.MockServer.Api;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Captures;

/// <summary>
/// <c>GET /mock/info</c>: what a capture may be, as this server knows it: the kinds its routes record and the headers it
/// keeps. A client (the inspector) asks rather than keeping a copy of its own that drifts.
/// </summary>
internal static class InfoEndpoints
{
    public static IEndpointConventionBuilder MapInfoEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/mock/info", Info).WithTags("Mock").WithName("GetMockInfo")
            .WithSummary("The capture kinds this mock records and the request headers a capture keeps")
            .WithExample("""
                {"kinds": [{"name": "verify", "title": "Verify", "answersPartialSuccess": false}, {"name": "traces", "title": "Traces", "answersPartialSuccess": true}],
                 "capturedHeaders": ["Content-Type", "Content-Encoding", "User-Agent", "X-Langchain-License-Key", "X-Api-Key"]}
                """);

    internal static Ok<MockInfo> Info(IEnumerable<WireKind> kinds, CapturedHeaders headers) =>
        TypedResults.Ok(new MockInfo([.. kinds.Select(k => new KindInfo(k.Name, k.Title, k.AnswersPartialSuccess))], headers.Names));
}

/// <param name="Kinds">Every capture kind, in the order the server registered them.</param>
/// <param name="CapturedHeaders">The request headers a capture keeps when they were sent.</param>
internal sealed record MockInfo(IReadOnlyList<KindInfo> Kinds, IReadOnlyList<string> CapturedHeaders);

/// <param name="Title">The kind in PascalCase, as the OpenAPI document names its capture schema (<c>VerifyCapture</c>).</param>
/// <param name="AnswersPartialSuccess">Whether its route can answer a partial success (OTLP's exports), as a fault rule may ask.</param>
internal sealed record KindInfo(string Name, string Title, bool AnswersPartialSuccess);
