using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Client;

// The Beacon request bodies, as the wire names them (snake_case), read from a capture's payload. Every field is
// nullable: a capture holds what was sent, and a refused request may lack what a valid one has. Ids and times are
// the strings that were sent, unparsed.

/// <summary>The body of <c>POST /v1/beacon/verify</c>.</summary>
public sealed record VerifyRequest
{
    /// <summary>The license key to verify.</summary>
    [JsonPropertyName("license")]
    public string? License { get; init; }
}

/// <summary>The body of <c>POST /v1/beacon/ingest-traces</c>: billable trace counts per interval.</summary>
public sealed record IngestTracesRequest
{
    /// <summary>The license key the traces are billed to.</summary>
    [JsonPropertyName("license")]
    public string? License { get; init; }

    /// <summary>The transactions, as sent.</summary>
    [JsonPropertyName("trace_transactions")]
    public IReadOnlyList<TraceTransaction>? TraceTransactions { get; init; }
}

/// <summary>One billing transaction, with its twelve documented fields.</summary>
public sealed record TraceTransaction
{
    /// <summary>The transaction's id (a UUID): retries carry the same one.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The workspace (a UUID).</summary>
    [JsonPropertyName("tenant_id")]
    public string? TenantId { get; init; }

    /// <summary>The tracing project (a UUID).</summary>
    [JsonPropertyName("session_id")]
    public string? SessionId { get; init; }

    /// <summary>How many traces the transaction bills.</summary>
    [JsonPropertyName("trace_count")]
    public long? TraceCount { get; init; }

    /// <summary>ISO 8601, with an offset or <c>Z</c>.</summary>
    [JsonPropertyName("start_insertion_time")]
    public string? StartInsertionTime { get; init; }

    /// <summary>ISO 8601, with an offset or <c>Z</c>.</summary>
    [JsonPropertyName("end_insertion_time")]
    public string? EndInsertionTime { get; init; }

    /// <summary>ISO 8601, with an offset or <c>Z</c>.</summary>
    [JsonPropertyName("start_interval_time")]
    public string? StartIntervalTime { get; init; }

    /// <summary>ISO 8601, with an offset or <c>Z</c>.</summary>
    [JsonPropertyName("end_interval_time")]
    public string? EndIntervalTime { get; init; }

    /// <summary>The transaction's status (<c>completed</c>, ...).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>How many times sending it failed before.</summary>
    [JsonPropertyName("num_failed_send_attempts")]
    public long? NumFailedSendAttempts { get; init; }

    /// <summary>The kind of transaction.</summary>
    [JsonPropertyName("transaction_type")]
    public string? TransactionType { get; init; }

    /// <summary>The organization (a UUID).</summary>
    [JsonPropertyName("organization_id")]
    public string? OrganizationId { get; init; }
}

/// <summary>The body of <c>POST /v1/beacon/usage-snapshot</c>: LangSmith's usage counts over a period.</summary>
public sealed record UsageSnapshotRequest
{
    /// <summary>The license key (this route's own field; a stray <c>license</c> is not read).</summary>
    [JsonPropertyName("license_key")]
    public string? LicenseKey { get; init; }

    /// <summary>ISO 8601: the period's start.</summary>
    [JsonPropertyName("from_timestamp")]
    public string? FromTimestamp { get; init; }

    /// <summary>ISO 8601: the period's end.</summary>
    [JsonPropertyName("to_timestamp")]
    public string? ToTimestamp { get; init; }

    /// <summary>The counts by measure name (<c>workspaces</c>, <c>users</c>, ...).</summary>
    [JsonPropertyName("measures")]
    public IReadOnlyDictionary<string, long>? Measures { get; init; }
}

/// <summary>The body of <c>POST /v1/metadata/submit</c>: LangGraph's usage report.</summary>
public sealed record MetadataSubmitRequest
{
    /// <summary>The license key, when sent in this field (it wins over <see cref="License"/> and <see cref="ApiKey"/>).</summary>
    [JsonPropertyName("license_key")]
    public string? LicenseKey { get; init; }

    /// <summary>The license key, when sent in this field.</summary>
    [JsonPropertyName("license")]
    public string? License { get; init; }

    /// <summary>The API key, when sent instead of a license.</summary>
    [JsonPropertyName("api_key")]
    public string? ApiKey { get; init; }

    /// <summary>ISO 8601: the period's start.</summary>
    [JsonPropertyName("from_timestamp")]
    public string? FromTimestamp { get; init; }

    /// <summary>ISO 8601: the period's end.</summary>
    [JsonPropertyName("to_timestamp")]
    public string? ToTimestamp { get; init; }

    /// <summary>The numbers by measure name (<c>langgraph.platform.runs</c>, ...).</summary>
    [JsonPropertyName("measures")]
    public IReadOnlyDictionary<string, double>? Measures { get; init; }

    /// <summary>The tags by name (<c>langgraph_api.version</c>, ...).</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string?>? Tags { get; init; }

    /// <summary>The log entries, when sent, as JSON.</summary>
    [JsonPropertyName("logs")]
    public IReadOnlyList<JsonElement>? Logs { get; init; }
}
