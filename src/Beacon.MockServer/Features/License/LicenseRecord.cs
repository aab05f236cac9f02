using System.Globalization;
using System.Text.Json.Serialization;
using Beacon.MockServer.Configuration;

namespace Beacon.MockServer.Features.License;

/// <summary>A license as configured: status, ids and extra token claims with their JSON types.</summary>
public sealed record LicenseDefinition(LicenseStatus Status, string? Id, Guid? OrgId, IReadOnlyDictionary<string, object> Claims)
{
    public static LicenseDefinition From(LicenseOptions options) =>
        new(Enum.Parse<LicenseStatus>(options.Status, ignoreCase: true), options.Id, options.OrgId is null ? null : Guid.Parse(options.OrgId),
            options.Claims.ToDictionary(c => c.Key, c => TypedClaim(c.Value), StringComparer.Ordinal));

    /// <summary>Configuration values are text; "true"/"false" and numerals become booleans and numbers.</summary>
    internal static object TypedClaim(string value) =>
        bool.TryParse(value, out var flag) ? flag
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? integer
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number
        : value;
}

/// <summary>Per-key counters, updated from many requests at once.</summary>
internal sealed class LicenseRecord(string key, LicenseDefinition? definition)
{
    private long _verifyCalls;
    private long _tokensIssued;
    private long _lastSeenTicks;

    public string Key { get; } = key;

    public LicenseDefinition? Definition { get; } = definition;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);

    public void CountVerify(bool tokenIssued)
    {
        Interlocked.Increment(ref _verifyCalls);
        if (tokenIssued)
            Interlocked.Increment(ref _tokensIssued);
    }

    public LicenseView ToView()
    {
        var ticks = Interlocked.Read(ref _lastSeenTicks);
        return new LicenseView(
            Key,
            Configured: Definition is not null,
            Status: Definition?.Status,
            Id: Definition?.Id,
            OrgId: Definition?.OrgId,
            VerifyCalls: Interlocked.Read(ref _verifyCalls),
            TokensIssued: Interlocked.Read(ref _tokensIssued),
            LastSeen: ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}

/// <summary>A license as <c>GET /mock/licenses</c> shows it. Status is null for a key seen but not configured.</summary>
public sealed record LicenseView(
    string Key,
    bool Configured,
    [property: JsonConverter(typeof(JsonStringEnumConverter<LicenseStatus>))] LicenseStatus? Status,
    string? Id,
    Guid? OrgId,
    long VerifyCalls,
    long TokensIssued,
    DateTimeOffset? LastSeen);
