using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;

namespace Beacon.MockServer.Features.Usage;

internal static class UsageFeature
{
    /// <summary>usage-snapshot and metadata: recorded and answered.</summary>
    public static IServiceCollection AddUsage(this IServiceCollection services) =>
        services.AddWireKind(UsageEndpoints.SnapshotKind).AddWireKind(UsageEndpoints.MetadataKind).AddJsonContext(UsageJson.Default);
}
