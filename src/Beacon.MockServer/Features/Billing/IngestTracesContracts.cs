using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Billing;

/// <summary>The body of <c>POST /v1/beacon/ingest-traces</c>: billable trace counts per interval.</summary>
internal sealed record IngestTracesRequest : IWireJsonRequest
{
    [JsonPropertyName("license")]
    public string? License { get; init; }

    [JsonPropertyName("trace_transactions")]
    public List<TraceTransaction?>? TraceTransactions { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public void Validate(ValidationErrors errors, List<Finding> findings)
    {
        UnknownFields.Report(findings, "", Unknown);
        errors.RequireNonEmpty("license", License);
        if (TraceTransactions is null)
        {
            errors.Add("trace_transactions", "is required and must be an array (it may be empty)");
            return;
        }
        for (var i = 0; i < TraceTransactions.Count; i++)
        {
            var at = $"trace_transactions[{i}]";
            if (TraceTransactions[i] is not { } transaction)
                errors.Add(at, "must be an object, not null");
            else
                transaction.Validate(at, errors, findings);
        }
    }
}

/// <summary>One billing transaction, with the twelve documented fields.</summary>
internal sealed record TraceTransaction
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

    internal void Validate(string at, ValidationErrors errors, List<Finding> findings)
    {
        UnknownFields.Report(findings, at, Unknown);
        RequireUuid(errors, $"{at}.id", Id);
        RequireUuid(errors, $"{at}.tenant_id", TenantId);
        RequireUuid(errors, $"{at}.session_id", SessionId);
        RequireUuid(errors, $"{at}.organization_id", OrganizationId);
        RequireNonNegative(errors, $"{at}.trace_count", TraceCount);
        RequireNonNegative(errors, $"{at}.num_failed_send_attempts", NumFailedSendAttempts);
        RequireOrdered(errors, at, "insertion", StartInsertionTime, EndInsertionTime);
        RequireOrdered(errors, at, "interval", StartIntervalTime, EndIntervalTime);
        errors.RequireNonEmpty($"{at}.status", Status);
        errors.RequireNonEmpty($"{at}.transaction_type", TransactionType);
    }

    private static void RequireUuid(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
            errors.Add(field, "is required: a UUID");
        else if (!Guid.TryParse(value, out _))
            errors.Add(field, $"'{value}' is not a UUID");
    }

    private static void RequireNonNegative(ValidationErrors errors, string field, long? value)
    {
        if (value is null)
            errors.Add(field, "is required: a non-negative integer");
        else if (value < 0)
            errors.Add(field, $"must not be negative (was {value})");
    }

    private static void RequireOrdered(ValidationErrors errors, string at, string span, string? start, string? end)
    {
        var from = Timestamps.Require(errors, $"{at}.start_{span}_time", start);
        var to = Timestamps.Require(errors, $"{at}.end_{span}_time", end);
        if (from > to)
            errors.Add($"{at}.start_{span}_time", $"must not be after end_{span}_time ({start} > {end})");
    }
}

internal sealed record IngestTracesResponse([property: JsonPropertyName("inserted_count")] int InsertedCount);

/// <summary>What an ingest-traces capture records: how many were new and which ids were retries.</summary>
internal sealed record IngestDetails(int InsertedCount, IReadOnlyList<string> DuplicateIds);
