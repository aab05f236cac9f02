using Beacon.MockServer.Api;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Captures;

internal static class HealthEndpoints
{
    public static IEndpointConventionBuilder MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", Health).WithTags("Mock").WithName("Health").WithSummary("200 when the server is ready")
            .WithExample("""{"status": "ready", "store": {"count": 12, "bytes": 48213, "received": 12, "evicted": 0, "lastSequence": 12, "waiters": 1}}""");

    internal static Ok<HealthStatus> Health(CaptureStore store) => TypedResults.Ok(new HealthStatus("ready", store.Stats));
}

internal sealed record HealthStatus(string Status, CaptureStoreStats Store);
