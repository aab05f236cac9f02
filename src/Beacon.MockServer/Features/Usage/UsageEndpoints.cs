using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Usage;

/// <summary>Usage reports: LangSmith's usage snapshots and LangGraph's metadata. Both are recorded and answered; nothing is built from them.</summary>
internal static class UsageEndpoints
{
    public static readonly WireKind SnapshotKind = new("usage-snapshot", "UsageSnapshot", typeof(UsageSnapshotRequest));
    public static readonly WireKind MetadataKind = new("metadata", "Metadata", typeof(MetadataSubmitRequest));

    private static readonly JsonWireFormat<UsageSnapshotRequest> Snapshot = new(UsageJson.Default.UsageSnapshotRequest, ["license_key"]);

    private static readonly JsonWireFormat<MetadataSubmitRequest> Metadata = new(UsageJson.Default.MetadataSubmitRequest, ["license_key", "license", "api_key"]);

    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/beacon").WithTags("Usage").MapPost("/usage-snapshot", UsageSnapshot)
            .CapturedAs(SnapshotKind, Snapshot, WireCredential.JsonLicense())
            .WithName("SubmitUsageSnapshot")
            .WithSummary("Report a usage snapshot: aggregated counts of platform resources")
            .AcceptsDocumentedSample<UsageSnapshotRequest>("usage-snapshot-request");

        // The docs say /v1/metadata/submit; the LangGraph server posts to /v1/beacon/metadata/submit.
        foreach (var (route, name) in new[] { ("/v1/beacon/metadata/submit", "SubmitMetadata"), ("/v1/metadata/submit", "SubmitMetadataDocumented") })
        {
            app.MapPost(route, SubmitMetadata)
                .WithTags("Usage")
                .CapturedAs(MetadataKind, Metadata, WireCredential.JsonLicense())
                .WithName(name)
                .WithSummary("Report LangGraph usage: measures, tags and logs over a period")
                .AcceptsDocumentedSample<MetadataSubmitRequest>("metadata-submit-request");
        }
        return app;
    }

    internal static Ok<UsageSnapshotResponse> UsageSnapshot(Wire<UsageSnapshotRequest> request) => TypedResults.Ok(new UsageSnapshotResponse());

    internal static NoContent SubmitMetadata(Wire<MetadataSubmitRequest> request) => TypedResults.NoContent();
}
