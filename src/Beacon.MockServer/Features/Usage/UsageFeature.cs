using Beacon.MockServer.Pipeline;

namespace Beacon.MockServer.Features.Usage;

internal static class UsageFeature
{
    /// <summary>usage-snapshot and metadata: recorded and answered.</summary>
    public static IServiceCollection AddUsage(this IServiceCollection services) =>
        services.AddWireKind(new WireKind(UsageEndpoints.SnapshotKind, "UsageSnapshot", typeof(UsageSnapshotRequest)))
            .AddWireKind(new WireKind(UsageEndpoints.MetadataKind, "Metadata", typeof(MetadataSubmitRequest)));
}
