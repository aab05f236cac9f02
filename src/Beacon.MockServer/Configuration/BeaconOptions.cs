using System.Text.Json.Serialization;

namespace Beacon.MockServer.Configuration;

/// <summary>The mock's settings, bound from the <c>Beacon</c> configuration section.</summary>
public sealed class BeaconOptions
{
    public const string Section = "Beacon";

    /// <summary>When true, a license or API key that is not in <see cref="Licenses"/> is refused.</summary>
    public bool RequireKnownLicense { get; set; }

    /// <summary>Licenses (and API keys, which follow the same policy) known at start.</summary>
    public List<LicenseOptions> Licenses { get; set; } = [];

    /// <summary>Largest request body a wire route accepts, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    public TokenOptions Token { get; set; } = new();

    public StoreOptions Store { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    public WaitOptions Waits { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public CorsSettings Cors { get; set; } = new();

    /// <summary>Fault rules in force from start, and again after a reset.</summary>
    public List<FaultOptions> Faults { get; set; } = [];
}

public static class LicenseStatuses
{
    /// <summary>Reads active, expired or revoked, ignoring case; never a number, which Enum.TryParse would take.</summary>
    public static bool TryParse(string? text, out LicenseStatus status)
    {
        status = default;
        return Enum.GetNames<LicenseStatus>().Contains(text, StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(text, ignoreCase: true, out status);
    }
}

public enum LicenseStatus
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("expired")]
    Expired,

    [JsonStringEnumMemberName("revoked")]
    Revoked,
}

public sealed class LicenseOptions
{
    public string Key { get; set; } = "";

    /// <summary>active, expired or revoked. Text, not an enum: the binder silently drops a list item whose enum does not parse.</summary>
    public string Status { get; set; } = "active";

    /// <summary>The token's <c>sub</c>; without it, a fingerprint of the key stands in.</summary>
    public string? Id { get; set; }

    /// <summary>The organization id answered by <c>/auth</c> and put in the token as <c>org_id</c>.</summary>
    public string? OrgId { get; set; }

    /// <summary>Extra token claims. Values "true"/"false" become booleans and numerals numbers.</summary>
    public Dictionary<string, string> Claims { get; set; } = [];
}

public sealed class TokenOptions
{
    /// <summary>A week: the longest lifetime a token may be given.</summary>
    public const int MaxLifetimeSeconds = 7 * 24 * 3600;

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

public sealed class StoreOptions
{
    /// <summary>Most captures kept; the oldest are evicted first.</summary>
    public int MaxCaptures { get; set; } = 10_000;

    /// <summary>Most bytes of captures kept (estimated retained size); the oldest are evicted first.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A body that is not JSON is kept as text, cut to this many bytes.</summary>
    public int MaxTextPayloadBytes { get; set; } = 16 * 1024;

    /// <summary>Most ingested billing transactions remembered for deduplication and the billing view.</summary>
    public int MaxTransactions { get; set; } = 100_000;
}

public sealed class OtlpOptions
{
    /// <summary>
    /// When true, spans, data points and log records that break the OTLP rules (ids that are not hex of the
    /// right length, enums out of range, points without a value) are rejected through the response's
    /// partial success. When false (the default), they are kept as sent and reported as findings.
    /// </summary>
    public bool Strict { get; set; }
}

public sealed class WaitOptions
{
    /// <summary>How long a wait lasts when the request gives no <c>timeoutMs</c>.</summary>
    public int DefaultTimeoutMs { get; set; } = 10_000;

    /// <summary>The longest <c>timeoutMs</c> a wait may ask for; a longer one is refused.</summary>
    public int MaxTimeoutMs { get; set; } = 300_000;
}

public sealed class AdminOptions
{
    /// <summary>When set, every /mock route requires <c>Authorization: Bearer</c> with this token. The wire routes never do.</summary>
    public string? Token { get; set; }
}

/// <summary>Which browser origins may call the mock (Swagger UI on another host, a dashboard); none by default.</summary>
public sealed class CorsSettings
{
    /// <summary>Origins such as <c>http://localhost:3000</c>, or <c>*</c> for any; empty turns CORS off.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>Whether <paramref name="origin"/> is <c>*</c> or a scheme, host and optional port, with nothing after.</summary>
    public static bool IsValid(string origin) =>
        origin == "*" || Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/" && !origin.EndsWith('/') && uri.Query.Length == 0 && uri.UserInfo.Length == 0;
}
