using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// What one namespace's traffic has shown the audit (or, past <c>Beacon:Egress:MaxNamespaces</c>, several namespaces'
/// together): the endpoints and field paths seen, and each promise's breaks. Guarded by <see cref="Lock"/>; its
/// endpoints and field paths draw on the <see cref="AuditBudget"/> every state shares, so memory is bounded however
/// many namespaces there are.
/// </summary>
internal sealed class AuditState(AuditBudget budget)
{
    public Lock Lock { get; } = new();

    public AuditBudget Budget { get; } = budget;

    /// <summary>The audit of this state's captures, made once and used by one capture at a time under <see cref="Lock"/>.</summary>
    public CaptureAudit? Auditor { get; set; }

    public long Captures { get; set; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Captures of a kind whose JSON body the pages document (verify, ingest-traces, usage-snapshot, metadata).</summary>
    public long DocumentedBodies { get; set; }

    public long UsageSnapshots { get; set; }

    public long LogRecords { get; set; }

    public long EndpointsDropped { get; set; }

    public long FieldPathsDropped { get; set; }

    public Dictionary<(string Kind, string Method, string Path), EndpointTally> Endpoints { get; } = [];

    /// <summary>By kind, then by path: looked up by the span the walk hands over, so a known path costs no string.</summary>
    public Dictionary<string, Dictionary<string, FieldTally>> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// By kind, the field tallies the last body of the kind met, in order: a body of the same shape finds each of its
    /// fields by comparing its path with the next one's, rather than by a lookup.
    /// </summary>
    public Dictionary<string, FieldTally[]> Order { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths, queries and header values found clean (no personal data, no key): not searched again.</summary>
    public CleanTexts Clean { get; } = new();

    /// <summary>The endpoint the last capture went to: most go where the one before went.</summary>
    public EndpointTally? LastEndpoint { get; set; }

    public PromiseTally[] Promises { get; } = [.. EgressPromises.All.Select(_ => new PromiseTally())];

    public PromiseTally Promise(EgressPromise promise) => Promises[promise.Index];

    /// <summary>The tally of a field path, made (if the budget allows) the first time it is seen; null past the cap.</summary>
    /// <param name="name">What an export names (a span name, an attribute key), for a category other than a payload field.</param>
    public FieldTally? Field(string kind, ReadOnlySpan<char> path, string category, KindContract? contract, ReadOnlySpan<char> name = default)
    {
        if (!Fields.TryGetValue(kind, out var paths))
            Fields[kind] = paths = new(StringComparer.Ordinal);
        var lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        // A path longer than the cap shares its cut (and ellipsis) with every other that starts the same.
        var key = path.Length > AuditLimits.MaxPathChars ? Ellipsis.Cut(path.ToString(), AuditLimits.MaxPathChars) : path;
        if (lookup.TryGetValue(key, out var tally))
            return tally;
        if (!Budget.TakeFieldPath())
        {
            FieldPathsDropped++;
            return null;
        }
        var field = category == FieldCategories.Field ? contract?.Field(key) : null;
        var held = key.ToString();
        tally = new FieldTally(held, category, field is not null || category != FieldCategories.Field && contract?.Names(category, name.ToString()) == true, field);
        paths[held] = tally;
        return tally;
    }

    /// <summary>The tally of a field path already seen; null for one not seen, or too long to be held as it is.</summary>
    public FieldTally? Find(string kind, ReadOnlySpan<char> path) =>
        path.Length <= AuditLimits.MaxPathChars && Fields.TryGetValue(kind, out var paths)
            && paths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var tally) ? tally : null;

    /// <summary>True once a reset has let it go: a capture that found it just before must find its replacement.</summary>
    public bool Released { get; private set; }

    /// <summary>Gives this state's endpoints and field paths back to the budget: the state is being forgotten.</summary>
    public void Release()
    {
        Released = true;
        Budget.Return(Endpoints.Count, Fields.Values.Sum(f => f.Count));
    }
}

/// <summary>
/// Texts a search found holding no personal data and no key, against one <see cref="KnownKeys.Snapshot.Version"/>: the
/// same text is clean again (the finders and the configured patterns do not change while the server runs), until a new
/// key is known. At most <see cref="Capacity"/> of at most <see cref="MaxChars"/> characters, forgotten together when full.
/// </summary>
internal sealed class CleanTexts
{
    public const int Capacity = 64;

    public const int MaxChars = 128;

    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    private long _version = -1;

    public bool Contains(string text, long version) => _version == version && _texts.Contains(text);

    public void Add(string text, long version)
    {
        if (text.Length > MaxChars)
            return;
        if (_version != version || _texts.Count >= Capacity)
        {
            _texts.Clear();
            _version = version;
        }
        _texts.Add(text);
    }
}

/// <summary>One endpoint: how often, when first and last.</summary>
internal sealed class EndpointTally((string Kind, string Method, string Path) key, ContractEndpoint? documented)
{
    public (string Kind, string Method, string Path) Key { get; } = key;

    public ContractEndpoint? Documented { get; } = documented;

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}

/// <summary>One field path (or one name an export carries): the types it held, how often, and a few examples, masked.</summary>
/// <param name="contract">What the pages say of the field; null for one they do not document, and for an export's names.</param>
internal sealed class FieldTally(string path, string category, bool documented, ContractField? contract = null)
{
    private int[] _hashes = [];
    private string[] _examples = [];

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
    public long NameClean { get; set; } = -1;

    /// <summary>The types seen, as <see cref="TypeNames"/> bits.</summary>
    public uint Types { get; set; }

    public long Count { get; set; }

    public IReadOnlyList<string> Examples => _examples;

    /// <summary>Whether an example of this text (by its hash) could still be kept: fewer than <paramref name="max"/> and not one of them.</summary>
    /// <remarks>
    /// Every value is looked at until <see cref="Looked"/> have been, then one in <see cref="Looked"/>: a field that has
    /// held one value for long is not hashed on every request, and one that changes still shows the change soon.
    /// </remarks>
    public bool Wants(ReadOnlySpan<char> text, int max, out int hash)
    {
        hash = 0;
        if (_examples.Length >= max || ++_looks > Looked && _looks % Looked != 0)
            return false;
        hash = string.GetHashCode(text);
        return Array.IndexOf(_hashes, hash) < 0;
    }

    private const int Looked = 64;
    private long _looks;

    public void Keep(int hash, string example)
    {
        _hashes = [.. _hashes, hash];
        _examples = [.. _examples, example];
    }
}

/// <summary>A promise's breaks: every one counted, the first few distinct ones kept as evidence.</summary>
internal sealed class PromiseTally
{
    public long Violations { get; set; }

    public List<EgressEvidence> Evidence { get; } = [];

    /// <summary>Counts a break; keeps it as evidence unless <paramref name="max"/> are kept or one of them is the same (field and what).</summary>
    public void Add(EgressEvidence evidence, int max)
    {
        Violations++;
        if (Evidence.Count < max && !Evidence.Exists(e => e.Field == evidence.Field && e.What == evidence.What))
            Evidence.Add(evidence);
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
