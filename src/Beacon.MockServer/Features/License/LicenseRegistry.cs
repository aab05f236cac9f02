using System.Collections.Concurrent;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.License;

/// <summary>
/// The licenses (and API keys) the mock knows: configured ones, changes made at run time (everywhere, or in
/// one namespace), and every key it has seen, with counters. Decides whether a key is accepted under the
/// configured policy. A request in namespace N sees N's change to a key first, then the global change,
/// then the configuration. It is the license policy every wire route decides by.
/// </summary>
internal sealed partial class LicenseRegistry : ILicensePolicy, IResettable
{
    /// <summary>Keys seen but not configured, and run-time changes, stop past this many, so a flood cannot grow memory.</summary>
    public const int MaxTrackedLicenses = 10_000;

    /// <summary>The scope of a global change: every namespace, and the plain routes.</summary>
    private const string Everywhere = "";

    private readonly ConcurrentDictionary<string, LicenseRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LicenseDefinition> _configured = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Scope, string Key), LicenseChange> _changes = new();
    private readonly bool _requireKnown;
    private readonly TimeProvider _time;
    private readonly ILogger<LicenseRegistry> _logger;

    // Guards the check and the insert of a new key or change as one step, so the caps are exact under
    // concurrency. Lookups and updates of what is already held do not take it.
    private readonly Lock _growth = new();

    public LicenseRegistry(IOptions<LicenseOptions> options, TimeProvider time, ILogger<LicenseRegistry> logger)
    {
        _requireKnown = options.Value.RequireKnownLicense;
        _time = time;
        _logger = logger;
        foreach (var configured in options.Value.Licenses)
        {
            _configured[configured.Key] = LicenseDefinition.From(configured);
            _records[configured.Key] = new LicenseRecord(configured.Key);
        }
    }

    /// <summary>The refusal codes a verdict carries, in the order of their meaning.</summary>
    public static readonly IReadOnlyList<string> Refusals = ["unknown", "expired", "revoked"];

    public string? RefusesMissing => _requireKnown ? "Beacon:RequireKnownLicense is on" : null;

    public IReadOnlyList<string> RefusalCodes => Refusals;

    /// <summary>Decides on a key for a wire request, counting a verify call, and logs a refusal.</summary>
    public LicenseVerdict Decide(LicenseQuestion question)
    {
        var verdict = Check(question.Key, question.Namespace);
        if (question.Verifies)
            Track(question.Key)?.CountVerify();
        if (!verdict.Accepted)
            Log.Refused(_logger, Secrets.Mask(question.Key), verdict.RefusalText);
        return verdict;
    }

    /// <summary>Decides on a key, as seen from namespace <paramref name="ns"/> (null for the plain routes), and records that it was seen.</summary>
    public LicenseVerdict Check(string key, string? ns)
    {
        Track(key)?.Touch(_time.GetUtcNow());
        var definition = Definition(key, ns);
        var (code, text) = definition?.Status switch
        {
            LicenseStatus.Expired => ("expired", "has expired"),
            LicenseStatus.Revoked => ("revoked", "has been revoked"),
            null when _requireKnown => ("unknown", "is not known to this Beacon (Beacon:RequireKnownLicense is on)"),
            _ => ((string?)null, "is accepted"),
        };
        return new LicenseVerdict(key, code, text,
            LicenseDefinition.SubjectOf(key, definition), LicenseDefinition.OrganizationOf(key, definition), definition?.OrgId is not null,
            definition?.Claims ?? new Dictionary<string, System.Text.Json.JsonElement>(), definition?.TokenLifetimeSeconds);
    }

    /// <summary>Counts a token issued for the key.</summary>
    public void RecordTokenIssued(string key) => Track(key)?.CountToken();

    /// <summary>The definition in force for <paramref name="key"/> in <paramref name="ns"/>; null when it has none.</summary>
    public LicenseDefinition? Definition(string key, string? ns)
    {
        if (ns is not null && _changes.TryGetValue((ns, key), out var scoped))
            return scoped.Definition;
        if (_changes.TryGetValue((Everywhere, key), out var global))
            return global.Definition;
        return _configured.GetValueOrDefault(key);
    }

    /// <summary>Sets a key's definition from now on, everywhere or in <paramref name="ns"/>; false when too many changes are held.</summary>
    public bool Set(string key, string? ns, LicenseDefinition definition) => Change(key, ns, new LicenseChange(definition));

    /// <summary>Removes a key (it becomes unknown), everywhere or in <paramref name="ns"/>; false when it had no definition there.</summary>
    public bool Remove(string key, string? ns) => Definition(key, ns) is not null && Change(key, ns, new LicenseChange(null));

    /// <summary>Undoes the run-time changes: all of them, or those made for one namespace. Counters are kept.</summary>
    public void Reset(string? ns = null)
    {
        if (ns is null)
        {
            _changes.Clear();
            return;
        }
        foreach (var change in _changes.Keys.Where(k => k.Scope == ns))
            _changes.TryRemove(change, out _);
    }

    /// <summary>Every key configured, changed or seen, as namespace <paramref name="ns"/> sees it.</summary>
    public IReadOnlyList<LicenseView> List(string? ns = null)
    {
        var keys = _records.Keys.Concat(_changes.Keys.Select(k => k.Key)).Distinct(StringComparer.Ordinal);
        return [.. keys.Order(StringComparer.Ordinal).Select(key => View(key, ns))];
    }

    /// <summary>Whether the key is configured, changed at run time (anywhere) or tracked as seen.</summary>
    public bool Knows(string key) =>
        _records.ContainsKey(key) || _configured.ContainsKey(key) || _changes.Keys.Any(k => k.Key == key);

    public LicenseView View(string key, string? ns)
    {
        var changed = (ns is not null && _changes.ContainsKey((ns, key))) || _changes.ContainsKey((Everywhere, key));
        return LicenseView.Of(key, Definition(key, ns), _configured.ContainsKey(key), changed, _records.GetValueOrDefault(key));
    }

    private bool Change(string key, string? ns, LicenseChange change)
    {
        var scope = (ns ?? Everywhere, key);
        lock (_growth)
        {
            if (!_changes.ContainsKey(scope) && _changes.Count >= MaxTrackedLicenses)
                return false;
            _changes[scope] = change;
            return true;
        }
    }

    private LicenseRecord? Track(string key)
    {
        if (_records.TryGetValue(key, out var record))
            return record;
        lock (_growth)
        {
            if (_records.TryGetValue(key, out record))
                return record;
            if (_records.Count >= MaxTrackedLicenses)
                return null;
            return _records[key] = new LicenseRecord(key);
        }
    }

    /// <summary>A run-time change: a definition, or null for a key removed.</summary>
    private sealed record LicenseChange(LicenseDefinition? Definition);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Credential {License} refused: it {Reason}")]
        public static partial void Refused(ILogger logger, string license, string reason);
    }
}
