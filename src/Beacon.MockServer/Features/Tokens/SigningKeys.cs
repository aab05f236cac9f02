using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Features.Tokens;

/// <summary>
/// The key that signs license tokens: RSA (generated on first use, or loaded from a PEM file) for
/// RS256, or the configured shared secret for HS256. Only the public half is ever published.
/// </summary>
internal sealed class SigningKeys
{
    private readonly Lazy<(SigningCredentials Credentials, PublicJwk? Jwk)> _keys;

    public SigningKeys(IOptions<TokenOptions> options)
    {
        var token = options.Value;
        // Generating an RSA key takes tens of milliseconds; do it on first use, not on the startup path.
        _keys = new(() => token.Algorithm == SecurityAlgorithms.HmacSha256 ? Hmac(token.HmacSecret!) : Rsa(token.SigningKeyPath));
    }

    public SigningCredentials Credentials => _keys.Value.Credentials;

    /// <summary>The published key set: the RSA public key, or nothing for HS256 (a shared secret is never served).</summary>
    public JsonWebKeySetView KeySet => new(_keys.Value.Jwk is { } jwk ? [jwk] : []);

    /// <summary>Reads an RSA private key from PEM text; throws when the text holds none.</summary>
    public static RSA LoadPem(string path)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return rsa;
    }

    private static (SigningCredentials, PublicJwk?) Rsa(string? pemPath)
    {
        var rsa = pemPath is null ? RSA.Create(2048) : LoadPem(pemPath);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        var jwk = new PublicJwk(
            Kty: "RSA", Use: "sig", Alg: SecurityAlgorithms.RsaSha256, Kid: key.KeyId,
            N: Base64UrlEncoder.Encode(parameters.Modulus!), E: Base64UrlEncoder.Encode(parameters.Exponent!));
        return (new SigningCredentials(key, SecurityAlgorithms.RsaSha256), jwk);
    }

    private static (SigningCredentials, PublicJwk?) Hmac(string secret)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        key.KeyId = "hs256-" + Http.Secrets.Fingerprint(secret)[..8];
        return (new SigningCredentials(key, SecurityAlgorithms.HmacSha256), null);
    }
}

/// <summary>A public RSA key in JWK form (RFC 7517): only public members exist on this type.</summary>
internal sealed record PublicJwk(string Kty, string Use, string Alg, string Kid, string N, string E);

internal sealed record JsonWebKeySetView(IReadOnlyList<PublicJwk> Keys);
