using System.Collections.Concurrent;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// What one namespace's traffic has shown the audit (or, past <c>Beacon:Egress:MaxNamespaces</c>, several namespaces'
/// together): the endpoints and field paths seen, and each promise's breaks. Requests of one namespace are audited at
/// once, on as many threads as serve them, without a common lock: its maps are concurrent, its counts and times kept
/// per thread (<see cref="AuditCounts"/>), and what is rare takes a lock of its own (a new endpoint or field path,
/// a piece of evidence, an example). Its endpoints and field paths draw on the <see cref="AuditBudget"/> every state
/// shares, so memory is bounded however many namespaces there are.
/// </summary>
internal sealed class AuditState
{
    // Its own slots among the counts: captures, bodies the pages document, usage snapshots, log records, and the times.
    private const int CapturesSlot = 0, DocumentedSlot = 1, UsageSlot = 2, LogRecordsSlot = 3;

    private readonly AuditCounts _counts = new();
    private long _endpointsDropped;
    private long _fieldPathsDropped;

    // Guards what draws on the budget: a new endpoint or field path (rare: most are seen before), and the release.
    private readonly Lock _growing = new();
    private volatile bool _released;

    public AuditState(AuditBudget budget)
    {
        Budget = budget;
        _counts.Reserve(SlotKind.Count, SlotKind.Count, SlotKind.Count, SlotKind.Count);
        Seen = new SeenTimes(_counts);
    }

    public AuditBudget Budget { get; }

    public long Captures => _counts.Value(CapturesSlot);

    public SeenTimes Seen { get; }

    /// <summary>Captures of a kind whose JSON body the pages document (verify, ingest-traces, usage-snapshot, metadata).</summary>
    public long DocumentedBodies => _counts.Value(DocumentedSlot);

    public long UsageSnapshots => _counts.Value(UsageSlot);

    public long LogRecords => _counts.Value(LogRecordsSlot);

    public long EndpointsDropped => Volatile.Read(ref _endpointsDropped);

    public long FieldPathsDropped => Volatile.Read(ref _fieldPathsDropped);

    public ConcurrentDictionary<(string Kind, string Method, string Path), EndpointTally> Endpoints { get; } = [];

    /// <summary>By kind, then by path: looked up by the span the walk hands over, so a known path costs no string.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, FieldTally>> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// By kind, the field tallies the last body of the kind met, in order: a body of the same shape finds each of its
    /// fields by comparing its path with the next one's, rather than by a lookup. Each array is whole once published.
    /// </summary>
    public ConcurrentDictionary<string, FieldTally[]> Order { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths, queries and header values found clean (no personal data, no key): not searched again.</summary>
    public CleanTexts Clean { get; } = new();

    /// <summary>The endpoint the last capture went to: most go where the one before went.</summary>
    public EndpointTally? LastEndpoint { get; set; }

    public PromiseTally[] Promises { get; } = [.. EgressPromises.All.Select(_ => new PromiseTally())];

    public PromiseTally Promise(EgressPromise promise) => Promises[promise.Index];

    /// <summary>Counts a capture audited here, received at <paramref name="at"/>.</summary>
    public void Audited(DateTimeOffset at, bool documentedBody, bool usageSnapshot)
    {
        _counts.Add(CapturesSlot);
        Seen.Saw(at);
        if (documentedBody)
            _counts.Add(DocumentedSlot);
        if (usageSnapshot)
            _counts.Add(UsageSlot);
    }

    public void LogRecord() => _counts.Add(LogRecordsSlot);

    /// <summary>The tally of an endpoint, made (if the budget allows) the first time it is seen; null past the cap.</summary>
    public EndpointTally? Endpoint((string Kind, string Method, string Path) key, ContractEndpoint? documented, DateTimeOffset at)
    {
        if (Endpoints.TryGetValue(key, out var tally))
            return tally;
        lock (_growing)
        {
            if (Endpoints.TryGetValue(key, out tally))
                return tally;
            if (_released || !Budget.TakeEndpoint())
            {
                Interlocked.Increment(ref _endpointsDropped);
                return null;
            }
            tally = new EndpointTally(key, documented, _counts);
            tally.Seen.Saw(at);
            Endpoints[key] = tally;
            return tally;
        }
    }

    /// <summary>The tally of a field path, made (if the budget allows) the first time it is seen; null past the cap.</summary>
    /// <param name="name">What an export names (a span name, an attribute key), for a category other than a payload field.</param>
    public FieldTally? Field(string kind, ReadOnlySpan<char> path, string category, KindContract? contract, ReadOnlySpan<char> name = default)
    {
        // A path longer than the cap shares its cut (and ellipsis) with every other that starts the same.
        var key = path.Length > AuditLimits.MaxPathChars ? Ellipsis.Cut(path.ToString(), AuditLimits.MaxPathChars) : path;
        if (Find(kind, key) is { } tally)
            return tally;
        lock (_growing)
        {
            if (!Fields.TryGetValue(kind, out var paths))
                Fields[kind] = paths = new(StringComparer.Ordinal);
            var lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(key, out tally))
                return tally;
            if (_released || !Budget.TakeFieldPath())
            {
                Interlocked.Increment(ref _fieldPathsDropped);
                return null;
            }
            var field = category == FieldCategories.Field ? contract?.Field(key) : null;
            var held = key.ToString();
            tally = new FieldTally(held, category, field is not null || category != FieldCategories.Field && contract?.Names(category, name.ToString()) == true, field, _counts);
            paths[held] = tally;
            return tally;
        }
    }

    /// <summary>The tally of a field path already seen; null for one not seen, or too long to be held as it is.</summary>
    public FieldTally? Find(string kind, ReadOnlySpan<char> path) =>
        path.Length <= AuditLimits.MaxPathChars && Fields.TryGetValue(kind, out var paths)
            && paths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var tally) ? tally : null;

    /// <summary>True once a reset has let it go: nothing new is added to it after that.</summary>
    public bool Released => _released;

    /// <summary>Gives this state's endpoints and field paths back to the budget: the state is being forgotten.</summary>
    public void Release()
    {
        lock (_growing)
        {
            _released = true;
            Budget.Return(Endpoints.Count, Fields.Values.Sum(f => f.Count));
        }
    }
}

/// <summary>When something was first and last seen: two slots of its state's counts, UTC ticks (0 is not yet).</summary>
internal sealed class SeenTimes
{
    private readonly AuditCounts _counts;
    private readonly int _first;

    /// <summary>Reserves its two slots among <paramref name="counts"/>.</summary>
    public SeenTimes(AuditCounts counts) => (_counts, _first) = (counts, counts.Reserve(SlotKind.Least, SlotKind.Greatest));

    public DateTimeOffset? First => At(_counts.Value(_first));

    public DateTimeOffset? Last => At(_counts.Value(_first + 1));

    public void Saw(DateTimeOffset at)
    {
        _counts.KeepLeast(_first, at.UtcTicks);
        _counts.KeepGreatest(_first + 1, at.UtcTicks);
    }

    private static DateTimeOffset? At(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}

/// <summary>
/// Texts a search found holding no personal data and no key, against one <see cref="KnownKeys.Snapshot.Version"/>: the
/// same text is clean again (the finders and the configured patterns do not change while the server runs), until a new
/// key is known. <see cref="Capacity"/> slots of at most <see cref="MaxChars"/> characters, a text in the slot its hash
/// picks, replacing what was there. Read and written by every thread at once without a lock: a slot holds one whole
/// entry, and one lost to a thread that wrote the same slot is only searched again.
/// </summary>
internal sealed class CleanTexts
{
    public const int Capacity = 64;

    public const int MaxChars = 128;

    private readonly Entry?[] _slots = new Entry?[Capacity];

    public bool Contains(string text, long version) =>
        Volatile.Read(ref _slots[Slot(text)]) is { } entry && entry.Version == version && string.Equals(entry.Text, text, StringComparison.Ordinal);

    public void Add(string text, long version)
    {
        if (text.Length <= MaxChars)
            Volatile.Write(ref _slots[Slot(text)], new Entry(text, version));
    }

    private static int Slot(string text) => text.GetHashCode() & (Capacity - 1);

    private sealed record Entry(string Text, long Version);
}

/// <summary>One endpoint: how often, when first and last.</summary>
internal sealed class EndpointTally((string Kind, string Method, string Path) key, ContractEndpoint? documented, AuditCounts counts)
{
    private readonly int _slot = counts.Reserve(SlotKind.Count);

    public (string Kind, string Method, string Path) Key { get; } = key;

    public ContractEndpoint? Documented { get; } = documented;

    public long Count => counts.Value(_slot);

    public SeenTimes Seen { get; } = new(counts);

    public void Saw(DateTimeOffset at)
    {
        counts.Add(_slot);
        Seen.Saw(at);
    }
}

/// <summary>One field path (or one name an export carries): the types it held, how often, and a few examples, masked.</summary>
/// <param name="contract">What the pages say of the field; null for one they do not document, and for an export's names.</param>
/// <param name="counts">Its state's counts, where it reserves its slot.</param>
internal sealed class FieldTally(string path, string category, bool documented, ContractField? contract, AuditCounts counts)
{
    private readonly int _slot = counts.Reserve(SlotKind.Count);
    private Example[] _examples = [];
    private uint _types;

    /// <summary>The path it is held under (its key in the state).</summary>
    public string Path { get; } = path;

    public string Category { get; } = category;

    public bool Documented { get; } = documented;

    public ContractField? Contract { get; } = contract;

    /// <summary>
    /// The <see cref="KnownKeys.Snapshot.Version"/> its name was last found clean against (no personal data, no key): a
    /// path names its field's member name, so it is searched once, and again only once a new key is known. A number,
    /// not the snapshot: a tally must not keep an old snapshot (its search of every key) alive.
    /// </summary>
    public long NameClean
    {
        get => Volatile.Read(ref _nameClean);
        set
        {
            // Written only when it changes: every request reads it, and a write would take the line from other cores.
            if (Volatile.Read(ref _nameClean) != value)
                Volatile.Write(ref _nameClean, value);
        }
    }

    private long _nameClean = -1;

    /// <summary>The types seen, as <see cref="TypeNames"/> bits.</summary>
    public uint Types => Volatile.Read(ref _types);

    public long Count => counts.Value(_slot);

    public IReadOnlyList<string> Examples => [.. Volatile.Read(ref _examples).Select(e => e.Text)];

    /// <summary>Counts one value of the field, of the types <paramref name="types"/>.</summary>
    /// <returns>How many this thread has counted: the looks an example is sampled by (<see cref="Wants"/>).</returns>
    public long Saw(uint types)
    {
        Held(types);
        return counts.Add(_slot);
    }

    /// <summary>Adds types seen; written only when one is new, so a field of one type is not written on every value.</summary>
    public void Held(uint types)
    {
        if ((Volatile.Read(ref _types) & types) != types)
            Interlocked.Or(ref _types, types);
    }

    /// <summary>Whether an example of this text (by its hash) could still be kept: fewer than <paramref name="max"/> and not one of them.</summary>
    /// <param name="looks">Which value of the field this is (of those its thread counted, as <see cref="Saw"/> answers).</param>
    /// <remarks>
    /// Every value is looked at until <see cref="Looked"/> have been, then one in <see cref="Looked"/>: a field that has
    /// held one value for long is not hashed on every request, and one that changes still shows the change soon.
    /// </remarks>
    public bool Wants(ReadOnlySpan<char> text, int max, long looks, out int hash)
    {
        hash = 0;
        if (Volatile.Read(ref _examples).Length >= max || looks > Looked && looks % Looked != 0)
            return false;
        hash = string.GetHashCode(text);
        return !Holds(Volatile.Read(ref _examples), hash);
    }

    private const int Looked = 64;

    /// <summary>Keeps an example <see cref="Wants"/> wanted, unless another thread kept it, or enough, meanwhile.</summary>
    public void Keep(int hash, string example, int max)
    {
        for (var kept = Volatile.Read(ref _examples); kept.Length < max && !Holds(kept, hash); kept = Volatile.Read(ref _examples))
        {
            if (Interlocked.CompareExchange(ref _examples, [.. kept, new Example(hash, example)], kept) == kept)
                return;
        }
    }

    private static bool Holds(Example[] examples, int hash)
    {
        foreach (var example in examples)
        {
            if (example.Hash == hash)
                return true;
        }
        return false;
    }

    private readonly record struct Example(int Hash, string Text);
}

/// <summary>A promise's breaks: every one counted, the first few distinct ones kept as evidence.</summary>
internal sealed class PromiseTally
{
    private readonly List<EgressEvidence> _evidence = [];
    private long _violations;

    public long Violations => Volatile.Read(ref _violations);

    /// <summary>The evidence kept, copied.</summary>
    public IReadOnlyList<EgressEvidence> Evidence
    {
        get
        {
            lock (_evidence)
                return [.. _evidence];
        }
    }

    /// <summary>Counts a break; keeps it as evidence unless <paramref name="max"/> are kept or one of them is the same (field and what).</summary>
    public void Add(EgressEvidence evidence, int max)
    {
        Interlocked.Increment(ref _violations);
        lock (_evidence)
        {
            if (_evidence.Count < max && !_evidence.Exists(e => e.Field == evidence.Field && e.What == evidence.What))
                _evidence.Add(evidence);
        }
    }
}

/// <summary>The caps every namespace's state draws on together: distinct endpoints and field paths.</summary>
internal sealed class AuditBudget(int maxEndpoints, int maxFieldPaths)
{
    private int _endpoints;
    private int _fieldPaths;

    public int MaxEndpoints { get; } = maxEndpoints;

    public int MaxFieldPaths { get; } = maxFieldPaths;

    public bool TakeEndpoint() => Take(ref _endpoints, MaxEndpoints);

    public bool TakeFieldPath() => Take(ref _fieldPaths, MaxFieldPaths);

    public void Return(int endpoints, int fieldPaths)
    {
        Interlocked.Add(ref _endpoints, -endpoints);
        Interlocked.Add(ref _fieldPaths, -fieldPaths);
    }

    private static bool Take(ref int used, int max)
    {
        if (Interlocked.Increment(ref used) <= max)
            return true;
        Interlocked.Decrement(ref used);
        return false;
    }
}

/// <summary>Lengths past which a path or value is cut: the state's memory does not grow with what a client sends.</summary>
internal static class AuditLimits
{
    public const int MaxPathChars = 256;

    public const int MaxExampleChars = 48;

    /// <summary>Longest sentence a piece of evidence keeps.</summary>
    public const int MaxMessageChars = 384;

    /// <summary>Most egress findings one capture gets; the rest are counted in a last one.</summary>
    public const int MaxFindings = 20;
}

/// <summary>The types a field may be seen holding: JSON's, an OTLP AnyValue's, and a metric's data.</summary>
internal static class TypeNames
{
    public static readonly string[] All =
    [
        "object", "array", "string", "number", "boolean", "null",
        "int", "double", "bool", "bytes", "kvlist", "empty",
        "gauge", "sum", "histogram", "exponentialHistogram", "summary",
    ];

    public static readonly uint String = Bit("string");
    public static readonly uint Number = Bit("number");
    public static readonly uint Empty = Bit("empty");

    public static uint Bit(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < All.Length; i++)
        {
            if (name.SequenceEqual(All[i]))
                return 1u << i;
        }
        return 0;
    }

    public static IReadOnlyList<string> Of(uint bits) => [.. All.Where((_, i) => (bits & (1u << i)) != 0)];
}
