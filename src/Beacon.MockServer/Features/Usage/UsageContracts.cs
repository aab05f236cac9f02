using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Usage;

/// <summary>The body of <c>POST /v1/beacon/usage-snapshot</c>: aggregated counts over a period.</summary>
internal sealed record UsageSnapshotRequest : IWireJsonRequest
{
    /// <summary>The route's own field: a stray <c>license</c> beside it is not read.</summary>
    string? IWireJsonRequest.License => LicenseKey;

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

    public void Validate(ValidationErrors errors, List<Finding> findings)
    {
        UnknownFields.Report(findings, "", Unknown);
        errors.RequireNonEmpty("license_key", LicenseKey);
        var from = Timestamps.Require(errors, "from_timestamp", FromTimestamp);
        var to = Timestamps.Require(errors, "to_timestamp", ToTimestamp);
        if (from >= to)
            errors.Add("from_timestamp", $"must be before to_timestamp ({FromTimestamp} >= {ToTimestamp})");
        if (Measures is null)
            errors.Add("measures", "is required: an object of non-negative integers");
        foreach (var (name, value) in Measures ?? [])
        {
            if (value < 0)
                errors.Add(JsonPath.Member("measures", name), $"must not be negative (was {value})");
            else if (!KnownMeasures.UsageSnapshot.Contains(name))
                findings.Add(new Finding(JsonPath.Member("measures", name), "not one of the twelve documented measures; accepted"));
        }
    }
}

/// <summary>The answer to a usage snapshot: an empty object.</summary>
internal sealed record UsageSnapshotResponse;

/// <summary>The body of <c>POST /v1/metadata/submit</c>: LangGraph's usage report.</summary>
internal sealed record MetadataSubmitRequest : IWireJsonRequest
{
    /// <summary>Whichever of license_key, license and api_key is sent, in that order.</summary>
    string? IWireJsonRequest.License => LicenseKey ?? License ?? ApiKey;

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

    public void Validate(ValidationErrors errors, List<Finding> findings)
    {
        UnknownFields.Report(findings, "", Unknown);
        var key = LicenseKey ?? License ?? ApiKey;
        if (key is null)
            errors.Add("license_key", "one of license_key, license or api_key is required");
        else
            errors.RequireNonEmpty(LicenseKey is not null ? "license_key" : License is not null ? "license" : "api_key", key);
        var from = Timestamps.Require(errors, "from_timestamp", FromTimestamp);
        var to = Timestamps.Require(errors, "to_timestamp", ToTimestamp);
        if (from > to)
            errors.Add("from_timestamp", $"must not be after to_timestamp ({FromTimestamp} > {ToTimestamp})");
        if (Measures is null)
            errors.Add("measures", "is required: an object of numbers");
        if (Tags is null)
            errors.Add("tags", "is required: an object of strings");
        foreach (var (name, value) in Tags ?? [])
        {
            if (value is null)
                errors.Add(JsonPath.Member("tags", name), "must be a string, not null");
        }
    }
}

/// <summary>The measures the documentation lists for usage snapshots; others are accepted and reported.</summary>
internal static class KnownMeasures
{
    public static readonly HashSet<string> UsageSnapshot = new(
    [
        "workspaces", "users", "projects", "experiments", "datasets", "evaluators",
        "run_rules", "annotation_queues", "prompts", "prompt_commits", "prompt_pulls", "active_pats_30d",
    ], StringComparer.Ordinal);
}

/// <summary>The usage feature's JSON: its two bodies, read strictly, and what it answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = StrictJson.MaxDepth)]
[JsonSerializable(typeof(UsageSnapshotRequest))]
[JsonSerializable(typeof(UsageSnapshotResponse))]
[JsonSerializable(typeof(MetadataSubmitRequest))]
internal sealed partial class UsageJson : JsonSerializerContext;
