using System.ComponentModel;
using System.Text.Json.Serialization;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Billing;

/// <summary>The mock's view of what ingest-traces billed: <c>GET /mock/billing/transactions</c>.</summary>
internal static class BillingEndpoints
{
    public static IEndpointConventionBuilder MapBillingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/mock/billing/transactions", Transactions).WithTags("Mock").WithName("ListBillingTransactions")
            .WithSummary("The ingested billing transactions per license, deduplicated");

    internal static Ok<BillingView> Transactions(
        [Description("Only this license")] string? license,
        [Description("Only transactions sent under /ns/{namespace}")] string? @namespace,
        BillingLedger ledger) =>
        TypedResults.Ok(ledger.View(license, @namespace));
}

/// <summary>The billing feature's JSON: the ingest-traces body, read strictly, what it answers and records, and the ledger's view.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = StrictJson.MaxDepth)]
[JsonSerializable(typeof(IngestTracesRequest))]
[JsonSerializable(typeof(IngestTracesResponse))]
[JsonSerializable(typeof(IngestDetails))]
[JsonSerializable(typeof(BillingView))]
internal sealed partial class BillingJson : JsonSerializerContext;
