using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Client;

/// <summary>A license's status.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LicenseStatus>))]
public enum LicenseStatus
{
    /// <summary>Accepted.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Refused with reason <c>expired</c>.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>Refused with reason <c>revoked</c>.</summary>
    [JsonStringEnumMemberName("revoked")]
    Revoked,
}

/// <summary>A license or API key as <c>/mock/licenses</c> shows it, as requests in one namespace see it.</summary>
public sealed record LicenseView
{
    /// <summary>The key.</summary>
    public string Key { get; init; } = "";

    /// <summary>Whether the key is in <c>Beacon:Licenses</c>.</summary>
    public bool Configured { get; init; }

    /// <summary>Whether a run-time change (a set or a delete) decides what is in force.</summary>
    public bool Changed { get; init; }

    /// <summary>The status in force; null for a key seen but never defined.</summary>
    public LicenseStatus? Status { get; init; }

    /// <summary>The token's <c>sub</c>, when set.</summary>
    public string? Id { get; init; }

    /// <summary>The organization id <c>/auth</c> and the token carry, when set.</summary>
    public Guid? OrgId { get; init; }

    /// <summary>The token lifetime for this key, when set.</summary>
    public int? TokenLifetimeSeconds { get; init; }

    /// <summary>The extra token claims, typed (strings, numbers, booleans).</summary>
    public IReadOnlyDictionary<string, JsonElement> Claims { get; init; } = Empty.Attributes;

    /// <summary>How many verify requests carried it.</summary>
    public long VerifyCalls { get; init; }

    /// <summary>How many tokens were issued for it.</summary>
    public long TokensIssued { get; init; }

    /// <summary>When a request last carried it.</summary>
    public DateTimeOffset? LastSeen { get; init; }
}

/// <summary>Every license a namespace sees, ordered by key.</summary>
public sealed record LicenseList(IReadOnlyList<LicenseView> Items, int Total);

/// <summary>
/// The body of <c>PUT /mock/licenses/{key}</c>: the key's whole definition from the next request on. Only
/// <see cref="Status"/> is required.
/// </summary>
public sealed record LicenseChange
{
    /// <summary>Active, expired or revoked.</summary>
    public required LicenseStatus Status { get; init; }

    /// <summary>The token's <c>sub</c>; without it, a fingerprint of the key.</summary>
    public string? Id { get; init; }

    /// <summary>The organization id for <c>/auth</c> and the token's <c>org_id</c>.</summary>
    public Guid? OrgId { get; init; }

    /// <summary>The token lifetime, 1 to 604800 seconds.</summary>
    public int? TokenLifetimeSeconds { get; init; }

    /// <summary>Extra token claims: strings, numbers (int, long, double, decimal) and booleans.</summary>
    public IReadOnlyDictionary<string, object>? Claims { get; init; }
}
