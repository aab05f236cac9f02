using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.License;

/// <summary>Per-key counters, updated from many requests at once.</summary>
internal sealed class LicenseRecord(string key)
{
    private long _verifyCalls;
    private long _tokensIssued;
    private long _lastSeenTicks;

    public string Key { get; } = key;

    public long VerifyCalls => Interlocked.Read(ref _verifyCalls);

    public long TokensIssued => Interlocked.Read(ref _tokensIssued);

    public DateTimeOffset? LastSeen => Interlocked.Read(ref _lastSeenTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);

    public void CountVerify() => Interlocked.Increment(ref _verifyCalls);

    public void CountToken() => Interlocked.Increment(ref _tokensIssued);
}

/// <summary>A license as <c>GET /mock/licenses</c> shows it, in force in one namespace. Status is null for a key seen but not defined.</summary>
/// <param name="Configured">Whether the key is in Beacon:Licenses.</param>
/// <param name="Changed">Whether a run-time change (PUT or DELETE) decides what is in force.</param>
internal sealed record LicenseView(
    string Key,
    bool Configured,
    bool Changed,
    [property: JsonConverter(typeof(JsonStringEnumConverter<LicenseStatus>))] LicenseStatus? Status,
    string? Id,
    Guid? OrgId,
    int? TokenLifetimeSeconds,
    IReadOnlyDictionary<string, JsonElement> Claims,
    long VerifyCalls,
    long TokensIssued,
    DateTimeOffset? LastSeen)
{
    internal static LicenseView Of(string key, LicenseDefinition? definition, bool configured, bool changed, LicenseRecord? record) => new(
        key, configured, changed, definition?.Status, definition?.Id, definition?.OrgId, definition?.TokenLifetimeSeconds,
        definition?.Claims ?? new Dictionary<string, JsonElement>(),
        record?.VerifyCalls ?? 0, record?.TokensIssued ?? 0, record?.LastSeen);
}
