using Beacon.MockServer.Capture;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Billing;

public static class IngestTracesEndpoints
{
    public static RouteGroupBuilder MapIngestTracesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/beacon").WithTags("Billing");
        group.MapPost("/ingest-traces", IngestTraces)
            .CapturedAs(CaptureKinds.IngestTraces)
            .WithName("IngestTraces")
            .WithSummary("Report billable trace counts; retried transaction ids are not counted twice")
            .AcceptsDocumentedSample<IngestTracesRequest>("ingest-traces-request");
        return group;
    }

    internal static Results<Ok<IngestTracesResponse>, ProblemHttpResult> IngestTraces(
        WireRequest request, LicenseRegistry licenses, BillingLedger ledger)
    {
        if (!request.TryReadJson(WireJson.Default.IngestTracesRequest, out var body, out var problem))
            return problem;

        var errors = Validate(body, request);
        if (errors.Any)
            return errors.ToProblem();

        if (LicenseRefusals.Check(request, licenses, body.License!) is { } refused)
            return refused;

        var (inserted, duplicates) = ledger.Ingest(body.License!, request.Namespace, body.TraceTransactions!.OfType<TraceTransaction>(), request.Sequence);
        request.SetDetails(new IngestDetails(inserted, duplicates), CaptureJson.Default.IngestDetails);
        return TypedResults.Ok(new IngestTracesResponse(inserted));
    }

    private static ValidationErrors Validate(IngestTracesRequest body, WireRequest request)
    {
        var errors = new ValidationErrors();
        request.ReportUnknown("", body.Unknown);
        errors.RequireNonEmpty("license", body.License);
        if (body.TraceTransactions is null)
        {
            errors.Add("trace_transactions", "is required and must be an array (it may be empty)");
            return errors;
        }

        for (var i = 0; i < body.TraceTransactions.Count; i++)
        {
            var at = $"trace_transactions[{i}]";
            if (body.TraceTransactions[i] is not { } t)
            {
                errors.Add(at, "must be an object, not null");
                continue;
            }
            request.ReportUnknown(at, t.Unknown);
            RequireUuid(errors, $"{at}.id", t.Id);
            RequireUuid(errors, $"{at}.tenant_id", t.TenantId);
            RequireUuid(errors, $"{at}.session_id", t.SessionId);
            RequireUuid(errors, $"{at}.organization_id", t.OrganizationId);
            RequireNonNegative(errors, $"{at}.trace_count", t.TraceCount);
            RequireNonNegative(errors, $"{at}.num_failed_send_attempts", t.NumFailedSendAttempts);
            RequireOrdered(errors, at, "insertion", t.StartInsertionTime, t.EndInsertionTime);
            RequireOrdered(errors, at, "interval", t.StartIntervalTime, t.EndIntervalTime);
            errors.RequireNonEmpty($"{at}.status", t.Status);
            errors.RequireNonEmpty($"{at}.transaction_type", t.TransactionType);
        }
        return errors;
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
