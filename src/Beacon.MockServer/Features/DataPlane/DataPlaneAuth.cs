using System.Text;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Features.DataPlane;

/// <summary>
/// <c>X-Data-Plane-Auth</c>: the HS256 token a LangSmith data plane sends. Always recorded; with
/// <c>Beacon:DataPlane:Secret</c> set, verified on every wire route that carries it (signature, lifetime, and the
/// <c>data_plane_id</c>, <c>organization_id</c> and <c>purpose</c> claims), and a bad one refused with 401 in the
/// route's own error shape before the route, or any fault, sees the request.
/// </summary>
internal sealed partial class DataPlaneAuth(IOptions<DataPlaneOptions> options, TimeProvider time, ILogger<DataPlaneAuth> logger) : IWireHook
{
    public const string HookName = "data-plane";

    private const string Header = CredentialHeaders.DataPlane;

    private static readonly string[] RequiredClaims = ["data_plane_id", "organization_id", "purpose"];

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SymmetricSecurityKey? _key = options.Value.Secret is { } secret ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) : null;

    public string Name => HookName;

    public WireHookClaim? Claim(Capture capture, WireRoute route, bool decoded)
    {
        if (_key is null || !capture.Headers.TryGetValue(Header, out var token))
            return null;
        var problem = Check(token);
        if (problem is not null)
            Log.Refused(logger, Secrets.Mask(token), problem);
        return new Verdict(problem);
    }

    public async Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim)
    {
        if (claim is not Verdict { Problem: { } problem })
            return WireHookOutcome.Continue;
        request.Context.Response.Headers.WWWAuthenticate = "Bearer realm=\"Beacon data plane\"";
        await request.Refuse(new BodyFailure(StatusCodes.Status401Unauthorized, "Data plane token refused.", $"The {Header} token {problem}.", Field: Header))
            .ExecuteAsync(request.Context);
        return WireHookOutcome.Answered;
    }

    /// <summary>Null when the token is good; otherwise what is wrong with it, as it reads after "The token ...".</summary>
    private string? Check(string token)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var result = _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = false,
            // Judged by the injected clock, so a test can move time past the token's exp.
            LifetimeValidator = (notBefore, expires, _, _) => (notBefore is null || notBefore <= now) && (expires is null || now < expires),
        }).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenInvalidLifetimeException => "has expired or is not valid yet",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "is not signed with Beacon:DataPlane:Secret",
                SecurityTokenInvalidAlgorithmException => "is not signed with HS256",
                _ => "is not a well-formed JWT",
            };
        }
        var jwt = (JsonWebToken)result.SecurityToken;
        var missing = RequiredClaims.Where(c => !jwt.TryGetPayloadValue<string>(c, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        return missing.Count == 0 ? null : $"lacks {string.Join(", ", missing)} (each a non-empty string)";
    }

    private sealed class Verdict(string? problem) : WireHookClaim
    {
        public string? Problem { get; } = problem;

        public override Capture Annotate(Capture capture) => capture.WithFindings([Problem is null
            ? new Finding(Header, "a valid data plane token (Beacon:DataPlane:Secret)")
            : new Finding(Header, $"the token {Problem}; refused with 401")]);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Data plane token {Token} refused: it {Problem}")]
        public static partial void Refused(ILogger logger, string token, string problem);
    }
}
