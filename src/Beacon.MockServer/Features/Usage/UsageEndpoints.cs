using Beacon.MockServer.Capture;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Usage;

public static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder app)
    {
        var beacon = app.MapGroup("/v1/beacon").WithTags("Usage");
        beacon.MapPost("/usage-snapshot", UsageSnapshot)
            .CapturedAs(CaptureKinds.UsageSnapshot)
            .WithName("SubmitUsageSnapshot")
            .WithSummary("Report a usage snapshot: aggregated counts of platform resources")
            .AcceptsDocumentedSample<UsageSnapshotRequest>("usage-snapshot-request");

        // The docs say /v1/metadata/submit; the LangGraph server posts to /v1/beacon/metadata/submit.
        foreach (var (route, name) in new[] { ("/v1/beacon/metadata/submit", "SubmitMetadata"), ("/v1/metadata/submit", "SubmitMetadataDocumented") })
        {
            app.MapPost(route, SubmitMetadata)
                .WithTags("Usage")
                .CapturedAs(CaptureKinds.Metadata)
                .WithName(name)
                .WithSummary("Report LangGraph usage: measures, tags and logs over a period")
                .AcceptsDocumentedSample<MetadataSubmitRequest>("metadata-submit-request");
        }
        return app;
    }

    internal static Results<Ok<UsageSnapshotResponse>, ProblemHttpResult> UsageSnapshot(WireRequest request, LicenseRegistry licenses)
    {
        if (!request.TryReadJson(WireJson.Default.UsageSnapshotRequest, out var body, out var problem))
            return problem;
        request.ReportUnknown("", body.Unknown);

        var errors = new ValidationErrors();
        errors.RequireNonEmpty("license_key", body.LicenseKey);
        var from = Timestamps.Require(errors, "from_timestamp", body.FromTimestamp);
        var to = Timestamps.Require(errors, "to_timestamp", body.ToTimestamp);
        if (from >= to)
            errors.Add("from_timestamp", $"must be before to_timestamp ({body.FromTimestamp} >= {body.ToTimestamp})");
        if (body.Measures is null)
            errors.Add("measures", "is required: an object of non-negative integers");
        foreach (var (name, value) in body.Measures ?? [])
        {
            if (value < 0)
                errors.Add(JsonPath.Member("measures", name), $"must not be negative (was {value})");
            else if (!KnownMeasures.UsageSnapshot.Contains(name))
                request.AddFinding(JsonPath.Member("measures", name), "not one of the twelve documented measures; accepted");
        }
        if (errors.Any)
            return errors.ToProblem();

        if (LicenseRefusals.Check(request, licenses, body.LicenseKey!) is { } refused)
            return refused;
        return TypedResults.Ok(new UsageSnapshotResponse());
    }

    internal static Results<NoContent, ProblemHttpResult> SubmitMetadata(WireRequest request, LicenseRegistry licenses)
    {
        if (!request.TryReadJson(WireJson.Default.MetadataSubmitRequest, out var body, out var problem))
            return problem;
        request.ReportUnknown("", body.Unknown);

        var errors = new ValidationErrors();
        var key = body.LicenseKey ?? body.License ?? body.ApiKey;
        if (key is null)
            errors.Add("license_key", "one of license_key, license or api_key is required");
        else
            errors.RequireNonEmpty(body.LicenseKey is not null ? "license_key" : body.License is not null ? "license" : "api_key", key);
        var from = Timestamps.Require(errors, "from_timestamp", body.FromTimestamp);
        var to = Timestamps.Require(errors, "to_timestamp", body.ToTimestamp);
        if (from > to)
            errors.Add("from_timestamp", $"must not be after to_timestamp ({body.FromTimestamp} > {body.ToTimestamp})");
        if (body.Measures is null)
            errors.Add("measures", "is required: an object of numbers");
        if (body.Tags is null)
            errors.Add("tags", "is required: an object of strings");
        foreach (var (name, value) in body.Tags ?? [])
        {
            if (value is null)
                errors.Add(JsonPath.Member("tags", name), "must be a string, not null");
        }
        if (errors.Any)
            return errors.ToProblem();

        if (LicenseRefusals.Check(request, licenses, key!) is { } refused)
            return refused;
        return TypedResults.NoContent();
    }
}
