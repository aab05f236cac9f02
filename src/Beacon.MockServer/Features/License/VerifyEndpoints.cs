using Beacon.MockServer.Capture;
using Beacon.MockServer.Features.Tokens;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.License;

public static class VerifyEndpoints
{
    public static RouteGroupBuilder MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/beacon").WithTags("License");
        group.MapPost("/verify", Verify)
            .CapturedAs(CaptureKinds.Verify)
            .WithName("VerifyLicense")
            .WithSummary("Verify a license and issue a short-lived JWT")
            .AcceptsDocumentedSample<VerifyRequest>("verify-request");
        return group;
    }

    internal static Results<Ok<VerifyResponse>, ProblemHttpResult> Verify(
        WireRequest request, LicenseRegistry licenses, TokenIssuer tokens, ILogger<LicenseRegistry> logger)
    {
        if (!request.TryReadJson(WireJson.Default.VerifyRequest, out var body, out var problem))
            return problem;
        request.ReportUnknown("", body.Unknown);

        var errors = new ValidationErrors();
        errors.RequireNonEmpty("license", body.License);
        if (errors.Any)
            return errors.ToProblem();

        var decision = licenses.Check(body.License!, request.Namespace);
        if (!decision.Accepted)
        {
            licenses.RecordVerify(decision.Key, tokenIssued: false);
            LicenseLog.Refused(logger, Secrets.Mask(decision.Key), decision.RefusalText);
            return LicenseRefusals.Refuse(request, decision);
        }

        var token = tokens.Issue(decision.Key, decision.Definition);
        licenses.RecordVerify(decision.Key, tokenIssued: true);
        request.SetDetails(new VerifyDetails(token.Subject, token.TokenId, token.ExpiresAt), CaptureJson.Default.VerifyDetails);
        LicenseLog.Verified(logger, Secrets.Mask(decision.Key), token.TokenId, token.ExpiresAt);
        return TypedResults.Ok(new VerifyResponse(token.Token));
    }
}

internal static partial class LicenseLog
{
    [LoggerMessage(LogLevel.Information, "License {License} verified; token {TokenId} expires at {ExpiresAt}")]
    public static partial void Verified(ILogger logger, string license, string tokenId, DateTimeOffset expiresAt);

    [LoggerMessage(LogLevel.Information, "Credential {License} refused: it {Reason}")]
    public static partial void Refused(ILogger logger, string license, string reason);

    [LoggerMessage(LogLevel.Information, "License {License} set to {Status} in {Scope}")]
    public static partial void Changed(ILogger logger, string license, Configuration.LicenseStatus status, string scope);

    [LoggerMessage(LogLevel.Information, "License {License} removed in {Scope}")]
    public static partial void Removed(ILogger logger, string license, string scope);
}
