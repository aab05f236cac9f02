using System.Buffers;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Egress;

/// <summary>What every capture is audited against, built once from the settings and the contract.</summary>
internal sealed class AuditRules(EgressOptions options, EgressContract contract)
{
    public EgressContract Contract { get; } = contract;

    public SensitiveText Sensitive { get; } = new([.. options.Patterns.Select(p => p.Compile())]);

    public KnownKeys Keys { get; } = new(options.MaxKeys);

    public HashSet<string> Disabled { get; } = new(options.Disabled, StringComparer.Ordinal);

    public int MinLogSeverity { get; } = options.MinLogSeverity;

    public int MaxExamples { get; } = options.MaxExamples;

    public int MaxEvidence { get; } = options.MaxEvidence;

    /// <summary>
    /// A value as a report may show it: as sent, with whatever looks like personal data or a credential masked, and every
    /// known license or API key masked, cut to <see cref="AuditLimits.MaxExampleChars"/>.
    /// </summary>
    public string MaskExample(ReadOnlySpan<char> text, KnownKeys.Snapshot keys) =>
        Ellipsis.Cut(Safe(text.Length > 4 * AuditLimits.MaxExampleChars ? text[..(4 * AuditLimits.MaxExampleChars)] : text, keys), AuditLimits.MaxExampleChars);

    /// <summary>Text (a value, a path holding a client's key, an endpoint's path) with personal data, credentials and known keys masked in place.</summary>
    public string Safe(ReadOnlySpan<char> text, KnownKeys.Snapshot keys)
    {
        var masked = Sensitive.Mask(text);
        for (var i = 0; i < 8 && keys.Find(masked) is { } key; i++)
            masked = masked.Replace(key, Secrets.Mask(key), StringComparison.Ordinal);
        return masked;
    }
}

/// <summary>
/// The license and API keys requests have carried as their credentials, so that license-key-confined can look for them
/// everywhere else. Learned from every capture's credential; at most <c>Beacon:Egress:MaxKeys</c>, the rest counted.
/// Keys shorter than <see cref="MinLength"/> are not learned: they would be found in ordinary words.
/// </summary>
internal sealed class KnownKeys(int max)
{
    public const int MinLength = 8;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private volatile Snapshot _current = Snapshot.Empty;
    private long _dropped;

    public Snapshot Current => _current;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Learn(string? key)
    {
        if (key is null || key.Length < MinLength || _current.Contains(key))
            return;
        lock (_lock)
        {
            if (_keys.Contains(key))
                return;
            if (_keys.Count >= max)
            {
                _dropped++;
                return;
            }
            _keys.Add(key);
            _current = new Snapshot([.. _keys], _current.Version + 1);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _keys.Clear();
            _dropped = 0;
            _current = new Snapshot([], _current.Version + 1);
        }
    }

    /// <summary>The keys as they stood at one moment, searched for all at once.</summary>
    internal sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([], 0);

        private readonly string[] _keys;
        private readonly HashSet<string> _set;
        private readonly SearchValues<string>? _search;
        private readonly int _shortest;

        public Snapshot(string[] keys, long version)
        {
            _keys = keys;
            Version = version;
            _shortest = keys.Length == 0 ? int.MaxValue : keys.Min(k => k.Length);
            _set = new HashSet<string>(keys, StringComparer.Ordinal);
            _search = keys.Length == 0 ? null : SearchValues.Create(keys, StringComparison.Ordinal);
        }

        /// <summary>Counts every change: what was clean against one version is searched again against the next.</summary>
        public long Version { get; }

        public int Count => _keys.Length;

        public bool Contains(string key) => _set.Contains(key);

        /// <summary>A key <paramref name="text"/> holds; null when it holds none.</summary>
        public string? Find(ReadOnlySpan<char> text)
        {
            if (_search is null || text.Length < _shortest || text.IndexOfAny(_search) is not (>= 0 and var at))
                return null;
            string? found = null;
            foreach (var key in _keys)
            {
                if (text[at..].StartsWith(key, StringComparison.Ordinal) && key.Length > (found?.Length ?? 0))
                    found = key;
            }
            return found;
        }
    }
}
