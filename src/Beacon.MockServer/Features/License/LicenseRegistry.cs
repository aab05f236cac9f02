using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Beacon.MockServer.Configuration;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.License;

/// <summary>
/// The licenses (and API keys) the mock knows: configured ones with their status, and every one it has
/// seen, with counters. Decides whether a key is accepted under the configured policy.
/// </summary>
public sealed class LicenseRegistry
{
    /// <summary>Keys seen but not configured stop being tracked past this many, so a flood cannot grow memory.</summary>
    public const int MaxTrackedLicenses = 10_000;

    private readonly ConcurrentDictionary<string, LicenseRecord> _records = new(StringComparer.Ordinal);
    private readonly bool _requireKnown;
    private readonly TimeProvider _time;

    public LicenseRegistry(IOptions<BeaconOptions> options, TimeProvider time)
    {
        _requireKnown = options.Value.RequireKnownLicense;
        _time = time;
        foreach (var configured in options.Value.Licenses)
            _records[configured.Key] = new LicenseRecord(configured.Key, LicenseDefinition.From(configured));
    }

    /// <summary>Decides on a key and records that it was seen.</summary>
    public LicenseDecision Check(string key)
    {
        var record = Track(key);
        record?.Touch(_time.GetUtcNow());
        var definition = record?.Definition;
        var refusal = definition?.Status switch
        {
            LicenseStatus.Expired => LicenseRefusal.Expired,
            LicenseStatus.Revoked => LicenseRefusal.Revoked,
            null when _requireKnown => LicenseRefusal.Unknown,
            _ => (LicenseRefusal?)null,
        };
        return new LicenseDecision(key, definition, refusal);
    }

    /// <summary>Counts a verify call, and the token it issued if any.</summary>
    public void RecordVerify(string key, bool tokenIssued) => Track(key)?.CountVerify(tokenIssued);

    public IReadOnlyList<LicenseView> List() =>
        [.. _records.Values.Select(r => r.ToView()).OrderBy(v => v.Key, StringComparer.Ordinal)];

    private LicenseRecord? Track(string key)
    {
        if (_records.TryGetValue(key, out var record))
            return record;
        if (_records.Count >= MaxTrackedLicenses)
            return null;
        return _records.GetOrAdd(key, static k => new LicenseRecord(k, null));
    }

    /// <summary>The token subject for a key: its configured id, else a fingerprint (never the key itself).</summary>
    public static string SubjectOf(string key, LicenseDefinition? definition) =>
        definition?.Id ?? $"license-{Http.Secrets.Fingerprint(key)[..16]}";

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

public enum LicenseRefusal
{
    Unknown,
    Expired,
    Revoked,
}

/// <summary>What the registry decided about one key.</summary>
public sealed record LicenseDecision(string Key, LicenseDefinition? Definition, LicenseRefusal? Refusal)
{
    public bool Accepted => Refusal is null;

    /// <summary>"unknown", "expired" or "revoked"; null when accepted.</summary>
    public string? RefusalCode => Refusal?.ToString().ToLowerInvariant();

    public string RefusalText => Refusal switch
    {
        LicenseRefusal.Unknown => "is not known to this Beacon (Beacon:RequireKnownLicense is on)",
        LicenseRefusal.Expired => "has expired",
        LicenseRefusal.Revoked => "has been revoked",
        _ => "is accepted",
    };
}
