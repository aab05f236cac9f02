using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Billing;

/// <summary><c>POST /v1/beacon/ingest-traces</c>: billable trace counts, deduplicated by transaction id.</summary>
internal static class IngestTracesEndpoints
{
    public static readonly WireKind Kind = new("ingest-traces", "IngestTraces", typeof(IngestTracesRequest), typeof(IngestDetails));

    private static readonly JsonWireFormat<IngestTracesRequest> Format = new(BillingJson.Default.IngestTracesRequest, ["license"]);

    public static RouteGroupBuilder MapIngestTracesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/beacon").WithTags("Billing");
        group.MapPost("/ingest-traces", IngestTraces)
            .CapturedAs(Kind, Format, WireCredential.JsonLicense())
            .WithName("IngestTraces")
            .WithSummary("Report billable trace counts; retried transaction ids are not counted twice")
            .AcceptsDocumentedSample<IngestTracesRequest>("ingest-traces-request");
        return group;
    }

    internal static Ok<IngestTracesResponse> IngestTraces(Wire<IngestTracesRequest> request, BillingLedger ledger)
    {
        var wire = request.Request;
        var (inserted, duplicates) = ledger.Ingest(request.License.Key, wire.Namespace, request.Body.TraceTransactions!.OfType<TraceTransaction>(), wire.Sequence);
        wire.SetDetails(new IngestDetails(inserted, duplicates), BillingJson.Default.IngestDetails);
        return TypedResults.Ok(new IngestTracesResponse(inserted));
    }
}
