using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.License;

/// <summary>A license as configured or set at run time: status, ids, token lifetime and extra token claims.</summary>
/// <param name="Claims">Booleans, strings and numbers, as JSON (see <see cref="LicenseClaims"/>).</param>
/// <param name="TokenLifetimeSeconds">The lifetime of the tokens issued for it; null for Beacon:Token:LifetimeSeconds.</param>
internal sealed record LicenseDefinition(
    LicenseStatus Status, string? Id, Guid? OrgId, IReadOnlyDictionary<string, JsonElement> Claims, int? TokenLifetimeSeconds = null)
{
    public static LicenseDefinition From(ConfiguredLicense options) =>
        new(Enum.Parse<LicenseStatus>(options.Status, ignoreCase: true), options.Id, options.OrgId is null ? null : Guid.Parse(options.OrgId),
            options.Claims.ToDictionary(c => c.Key, c => LicenseClaims.FromText(c.Value), StringComparer.Ordinal));

    /// <summary>The token subject for a key: its configured id, else a fingerprint (never the key itself).</summary>
    public static string SubjectOf(string key, LicenseDefinition? definition) =>
        definition?.Id ?? $"license-{Secrets.Fingerprint(key)[..16]}";

    /// <summary>The organization id for a key: configured, else a UUID derived from the key, stable across runs.</summary>
    public static Guid OrganizationOf(string key, LicenseDefinition? definition)
    {
        if (definition?.OrgId is { } orgId)
            return orgId;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("org:" + key), hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80); // version 8: a custom, name-derived UUID
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
