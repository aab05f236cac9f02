using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// A fault rule as it is asked for: the body of <c>POST /mock/faults</c>, read strictly, and a rule of
/// <c>Beacon:Faults</c>, bound from configuration. Every field is optional here; the validator says which must be set.
/// </summary>
internal sealed record FaultRuleRequest
{
    [JsonPropertyName("match")]
    public FaultMatch? Match { get; init; }

    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("body")]
    public FaultBody? Body { get; init; }

    [JsonPropertyName("retryAfter")]
    public int? RetryAfter { get; init; }

    [JsonPropertyName("delayMs")]
    public int? DelayMs { get; init; }

    [JsonPropertyName("dropConnection")]
    public bool? DropConnection { get; init; }

    [JsonPropertyName("partialSuccess")]
    public FaultPartialSuccess? PartialSuccess { get; init; }

    [JsonPropertyName("times")]
    public int? Times { get; init; }

    [JsonPropertyName("probability")]
    public double? Probability { get; init; }

    [JsonPropertyName("seed")]
    public int? Seed { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>Which wire requests a rule applies to; a field left out matches anything.</summary>
internal sealed record FaultMatch
{
    public static readonly FaultMatch Any = new();

    /// <summary>A capture kind: verify, ingest-traces, ..., traces, metrics, logs.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("license")]
    public string? License { get; init; }

    /// <summary>Only requests sent under <c>/ns/{namespace}/...</c>.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary>The path as captured: without any <c>/ns/{namespace}</c> prefix.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public bool Matches(Capture capture) =>
        (Kind is null || string.Equals(Kind, capture.Kind, StringComparison.Ordinal))
        && (License is null || string.Equals(License, capture.License, StringComparison.Ordinal))
        && (Namespace is null || string.Equals(Namespace, capture.Namespace, StringComparison.Ordinal))
        && (Path is null || string.Equals(Path, capture.Path, StringComparison.Ordinal));
}

/// <summary>An OTLP export answered 200 with this many items reported rejected.</summary>
internal sealed record FaultPartialSuccess
{
    [JsonPropertyName("rejected")]
    public int? Rejected { get; init; }

    /// <summary>The partial success's error_message; a default names the rule.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <param name="Items">Every rule, oldest (lowest id) first: the order in which they are tried. At most 1,000, so the list is answered whole.</param>
internal sealed record FaultRuleList(IReadOnlyList<FaultRule> Items, int Total);
