using Beacon.MockServer.Features.Tokens;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.License;

/// <summary><c>POST /v1/beacon/verify</c>: a license checked, and a short-lived JWT signed for it.</summary>
internal static partial class VerifyEndpoints
{
    public const string Kind = "verify";

    private static readonly JsonWireFormat<VerifyRequest> Format = new(LicenseJson.Default.VerifyRequest, ["license"], CredentialHeaders.Fallback);

    public static RouteGroupBuilder MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/beacon").WithTags("License");
        group.MapPost("/verify", Verify)
            .CapturedAsJson(Kind, Format)
            .WithName("VerifyLicense")
            .WithSummary("Verify a license and issue a short-lived JWT")
            .AcceptsDocumentedSample<VerifyRequest>("verify-request");
        return group;
    }

    internal static Ok<VerifyResponse> Verify(JsonWire<VerifyRequest> request, LicenseRegistry licenses, TokenIssuer tokens, ILogger<LicenseRegistry> logger)
    {
        var decision = (LicenseDecision)request.License;
        var definition = decision.Definition;
        var token = tokens.Issue(
            LicenseDefinition.SubjectOf(decision.Key, definition), definition?.OrgId, definition?.Claims, definition?.TokenLifetimeSeconds);
        licenses.RecordToken(decision.Key);
        request.Wire.SetDetails(new VerifyDetails(token.Subject, token.TokenId, token.ExpiresAt), LicenseJson.Default.VerifyDetails);
        Log.Verified(logger, Secrets.Mask(decision.Key), token.TokenId, token.ExpiresAt);
        return TypedResults.Ok(new VerifyResponse(token.Token));
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "License {License} verified; token {TokenId} expires at {ExpiresAt}")]
        public static partial void Verified(ILogger logger, string license, string tokenId, DateTimeOffset expiresAt);
    }
}
