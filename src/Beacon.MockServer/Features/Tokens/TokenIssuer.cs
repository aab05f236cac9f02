using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.License;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Features.Tokens;

/// <summary>Issues the short-lived JWT that verify answers with. Times come from the injected clock.</summary>
public sealed class TokenIssuer(SigningKeys keys, IOptions<BeaconOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenOptions _options = options.Value.Token;

    public IssuedToken Issue(string license, LicenseDefinition? definition)
    {
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(definition?.TokenLifetimeSeconds ?? _options.LifetimeSeconds);
        var subject = LicenseRegistry.SubjectOf(license, definition);
        var tokenId = Guid.NewGuid().ToString();

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = tokenId,
        };
        if (definition?.OrgId is { } orgId)
            claims["org_id"] = orgId.ToString();
        foreach (var (name, value) in definition?.Claims ?? new Dictionary<string, System.Text.Json.JsonElement>())
            claims[name] = value;

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Credentials,
        });
        return new IssuedToken(token, tokenId, subject, now, expires);
    }
}

public sealed record IssuedToken(string Token, string TokenId, string Subject, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
