using System.Text;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Tokens;

/// <summary>How license tokens are signed and what they say: <c>Beacon:Token</c>.</summary>
internal sealed class TokenOptions
{
    public const string Section = "Beacon:Token";

    public string Issuer { get; set; } = "https://beacon.langchain.com";

    public string Audience { get; set; } = "langchain-self-hosted";

    public int LifetimeSeconds { get; set; } = 300;

    /// <summary><c>RS256</c> (default, key published at /.well-known/jwks.json) or <c>HS256</c>.</summary>
    public string Algorithm { get; set; } = "RS256";

    /// <summary>A PEM file holding the RSA private key; without it a key is generated at start.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The shared secret for HS256, at least 32 bytes of UTF-8.</summary>
    public string? HmacSecret { get; set; }
}

/// <summary>Checks <c>Beacon:Token</c> at start; every message names the key at fault.</summary>
internal sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions token)
    {
        const string K = TokenOptions.Section;
        var errors = new List<string>();
        if (token.LifetimeSeconds is < 1 or > LicenseVerdict.MaxTokenLifetimeSeconds)
            errors.Add($"{K}:LifetimeSeconds must be between 1 and {LicenseVerdict.MaxTokenLifetimeSeconds} (was {token.LifetimeSeconds}).");
        if (string.IsNullOrWhiteSpace(token.Issuer))
            errors.Add($"{K}:Issuer must be a non-empty string.");
        if (string.IsNullOrWhiteSpace(token.Audience))
            errors.Add($"{K}:Audience must be a non-empty string.");

        switch (token.Algorithm)
        {
            case "RS256":
                if (token.SigningKeyPath is { } path && !File.Exists(path))
                    errors.Add($"{K}:SigningKeyPath names a file that does not exist ({path}).");
                break;
            case "HS256":
                if (token.HmacSecret is null || Encoding.UTF8.GetByteCount(token.HmacSecret) < 32)
                    errors.Add($"{K}:HmacSecret must be at least 32 bytes when {K}:Algorithm is HS256.");
                break;
            default:
                errors.Add($"{K}:Algorithm must be RS256 or HS256 (was '{token.Algorithm}').");
                break;
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
