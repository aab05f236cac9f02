using System.Text.Json.Serialization;

namespace Beacon.MockServer.Capture;

/// <summary>One request received on a wire route, as recorded. Immutable: the store swaps whole records.</summary>
public sealed record Capture
{
    /// <summary>Global, increasing, never reused; assigned by the store.</summary>
    public long Sequence { get; init; }

    /// <summary>What the request was: see <see cref="CaptureKinds"/>.</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Method { get; init; }

    /// <summary>The path as routed, without the <c>/ns/{namespace}</c> prefix when there was one.</summary>
    public required string Path { get; init; }

    /// <summary>The namespace from a <c>/ns/{namespace}/...</c> path; null for the unprefixed routes.</summary>
    public string? Namespace { get; init; }

    /// <summary>The query string with its leading '?', or null when there is none.</summary>
    public string? Query { get; init; }

    /// <summary>The selected request headers that were present (see <see cref="CapturedHeaders"/>).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The license or API key the request carried, from its body or headers.</summary>
    public string? License { get; init; }

    /// <summary>The body's length as received on the wire.</summary>
    public long BodyBytes { get; init; }

    /// <summary>How the body was encoded: <c>json</c> or <c>protobuf</c>; null when it was neither.</summary>
    public string? Encoding { get; init; }

    /// <summary>The Content-Encoding the body arrived in (<c>gzip</c>, <c>deflate</c>); null when uncompressed.</summary>
    public string? Compression { get; init; }

    /// <summary>The body's length once decompressed (equal to <see cref="BodyBytes"/> when it was not compressed); null when it could not be read or decompressed.</summary>
    public long? DecodedBytes { get; init; }

    /// <summary>The id of the fault rule that answered (or delayed) this request; null when none did.</summary>
    public long? FaultId { get; init; }

    /// <summary>The response status; null while the response is still being produced.</summary>
    public int? Status { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The request body as JSON, or as a JSON string holding the text of a body that is not JSON.</summary>
    public RawJson? Payload { get; init; }

    /// <summary>What the endpoint made of the request (inserted count, duplicate ids, refusal reason...).</summary>
    public RawJson? Details { get; init; }

    /// <summary>An estimate of the bytes this record keeps alive, for the store's byte cap.</summary>
    [JsonIgnore]
    public long RetainedBytes =>
        256
        + 2L * (Kind.Length + Method.Length + Path.Length + (Query?.Length ?? 0) + (Namespace?.Length ?? 0) + (License?.Length ?? 0)
            + (Encoding?.Length ?? 0) + (Compression?.Length ?? 0))
        + Headers.Sum(h => 48 + 2L * (h.Key.Length + h.Value.Length))
        + Findings.Sum(f => 64 + 2L * (f.Path.Length + f.Message.Length))
        + (Payload?.Utf8.Length ?? 0)
        + (Details?.Utf8.Length ?? 0);
}

/// <summary>Something worth knowing about an accepted request: an unknown field, a deviation from the docs.</summary>
/// <param name="Path">Where in the request, as a JSON path without the leading <c>$.</c> (or a header name).</param>
public sealed record Finding(string Path, string Message);

/// <summary>The capture kinds: the Beacon JSON endpoints, and the three OTLP signals.</summary>
public static class CaptureKinds
{
    public const string Verify = "verify";
    public const string IngestTraces = "ingest-traces";
    public const string UsageSnapshot = "usage-snapshot";
    public const string Metadata = "metadata";
    public const string Auth = "auth";
    public const string Traces = "traces";
    public const string Metrics = "metrics";
    public const string Logs = "logs";
}

/// <summary>The request headers a capture keeps, when present.</summary>
public static class CapturedHeaders
{
    public const string LicenseKey = "X-Langchain-License-Key";
    public const string ApiKey = "X-Api-Key";
    public const string DataPlaneAuth = "X-Data-Plane-Auth";

    public static readonly string[] Names =
        ["Content-Type", "Content-Encoding", "User-Agent", ApiKey, LicenseKey, DataPlaneAuth];
}
