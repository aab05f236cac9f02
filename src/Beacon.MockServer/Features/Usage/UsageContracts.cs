using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Usage;

/// <summary>The body of <c>POST /v1/beacon/usage-snapshot</c>: aggregated counts over a period.</summary>
public sealed record UsageSnapshotRequest
{
    [JsonPropertyName("license_key")]
    public string? LicenseKey { get; init; }

    [JsonPropertyName("from_timestamp")]
    public string? FromTimestamp { get; init; }

    [JsonPropertyName("to_timestamp")]
    public string? ToTimestamp { get; init; }

    [JsonPropertyName("measures")]
    public Dictionary<string, long>? Measures { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The answer to a usage snapshot: an empty object.</summary>
public sealed record UsageSnapshotResponse;

/// <summary>The body of <c>POST /v1/metadata/submit</c>: LangGraph's usage report.</summary>
public sealed record MetadataSubmitRequest
{
    [JsonPropertyName("license_key")]
    public string? LicenseKey { get; init; }

    [JsonPropertyName("license")]
    public string? License { get; init; }

    [JsonPropertyName("api_key")]
    public string? ApiKey { get; init; }

    [JsonPropertyName("from_timestamp")]
    public string? FromTimestamp { get; init; }

    [JsonPropertyName("to_timestamp")]
    public string? ToTimestamp { get; init; }

    [JsonPropertyName("measures")]
    public Dictionary<string, double>? Measures { get; init; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string?>? Tags { get; init; }

    [JsonPropertyName("logs")]
    public List<JsonElement>? Logs { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The measures the documentation lists for usage snapshots; others are accepted and reported.</summary>
public static class KnownMeasures
{
    public static readonly HashSet<string> UsageSnapshot = new(
    [
        "workspaces", "users", "projects", "experiments", "datasets", "evaluators",
        "run_rules", "annotation_queues", "prompts", "prompt_commits", "prompt_pulls", "active_pats_30d",
    ], StringComparer.Ordinal);
}
