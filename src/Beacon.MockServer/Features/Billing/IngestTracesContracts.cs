using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Billing;

/// <summary>The body of <c>POST /v1/beacon/ingest-traces</c>: billable trace counts per interval.</summary>
public sealed record IngestTracesRequest
{
    [JsonPropertyName("license")]
    public string? License { get; init; }

    [JsonPropertyName("trace_transactions")]
    public List<TraceTransaction?>? TraceTransactions { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>One billing transaction, with the twelve documented fields.</summary>
public sealed record TraceTransaction
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("tenant_id")]
    public string? TenantId { get; init; }

    [JsonPropertyName("session_id")]
    public string? SessionId { get; init; }

    [JsonPropertyName("trace_count")]
    public long? TraceCount { get; init; }

    [JsonPropertyName("start_insertion_time")]
    public string? StartInsertionTime { get; init; }

    [JsonPropertyName("end_insertion_time")]
    public string? EndInsertionTime { get; init; }

    [JsonPropertyName("start_interval_time")]
    public string? StartIntervalTime { get; init; }

    [JsonPropertyName("end_interval_time")]
    public string? EndIntervalTime { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("num_failed_send_attempts")]
    public long? NumFailedSendAttempts { get; init; }

    [JsonPropertyName("transaction_type")]
    public string? TransactionType { get; init; }

    [JsonPropertyName("organization_id")]
    public string? OrganizationId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed record IngestTracesResponse([property: JsonPropertyName("inserted_count")] int InsertedCount);

/// <summary>What an ingest-traces capture records: how many were new and which ids were retries.</summary>
public sealed record IngestDetails(int InsertedCount, IReadOnlyList<string> DuplicateIds);
