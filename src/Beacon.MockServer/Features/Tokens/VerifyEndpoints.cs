using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.Tokens;

/// <summary><c>POST /v1/beacon/verify</c>: a license checked (by the pipeline, before this runs), and a short-lived JWT signed for it.</summary>
internal static partial class VerifyEndpoints
{
    public static readonly WireKind Kind = new("verify", "Verify", typeof(VerifyRequest), typeof(VerifyDetails));

    private static readonly JsonWireFormat<VerifyRequest> Format = new(TokensJson.Default.VerifyRequest, ["license"]);

    public static RouteGroupBuilder MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/beacon").WithTags("License");
        group.MapPost("/verify", Verify)
            .CapturedAs(Kind, Format, WireCredential.JsonLicense(verifies: true))
            .WithName("VerifyLicense")
            .WithSummary("Verify a license and issue a short-lived JWT")
            .AcceptsDocumentedSample<VerifyRequest>("verify-request");
        return group;
    }

    internal static Ok<VerifyResponse> Verify(Wire<VerifyRequest> request, TokenIssuer tokens, ILicensePolicy licenses, ILogger<TokenIssuer> logger)
    {
        var license = request.License;
        var token = tokens.Issue(license.Subject, license.OrganizationConfigured ? license.Organization : null, license.Claims, license.TokenLifetimeSeconds);
        licenses.RecordTokenIssued(license.Key);
        request.Request.SetDetails(new VerifyDetails(token.Subject, token.TokenId, token.ExpiresAt), TokensJson.Default.VerifyDetails);
        Log.Verified(logger, Secrets.Mask(license.Key), token.TokenId, token.ExpiresAt);
        return TypedResults.Ok(new VerifyResponse(token.Token));
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "License {License} verified; token {TokenId} expires at {ExpiresAt}")]
        public static partial void Verified(ILogger logger, string license, string tokenId, DateTimeOffset expiresAt);
    }
}
