using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Features.Tokens;

/// <summary>Issues the short-lived JWT that verify answers with. Times come from the injected clock.</summary>
internal sealed class TokenIssuer(SigningKeys keys, IOptions<TokenOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenOptions _options = options.Value;

    /// <param name="claims">Extra claims, as JSON values: a number keeps every digit it was given.</param>
    /// <param name="lifetimeSeconds">How long the token lives; null for <c>Beacon:Token:LifetimeSeconds</c>.</param>
    public IssuedToken Issue(string subject, Guid? orgId, IReadOnlyDictionary<string, JsonElement>? claims, int? lifetimeSeconds)
    {
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(lifetimeSeconds ?? _options.LifetimeSeconds);
        var tokenId = Guid.NewGuid().ToString();

        var payload = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = tokenId,
        };
        if (orgId is { } org)
            payload["org_id"] = org.ToString();
        foreach (var (name, value) in claims ?? new Dictionary<string, JsonElement>())
            payload[name] = value;

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = payload,
            SigningCredentials = keys.Credentials,
        });
        return new IssuedToken(token, tokenId, subject, expires);
    }
}

internal sealed record IssuedToken(string Token, string TokenId, string Subject, DateTimeOffset ExpiresAt);
