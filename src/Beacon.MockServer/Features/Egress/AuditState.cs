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

    public PromiseTally[] Promises { get; } = [.. EgressPromises.All.Select(_ => new PromiseTally())];

    public PromiseTally Promise(EgressPromise promise) => Promises[promise.Index];

    /// <summary>The tally of a field path, made (if the budget allows) the first time it is seen; null past the cap.</summary>
    /// <param name="name">What an export names (a span name, an attribute key), for a category other than a payload field.</param>
    public FieldTally? Field(string kind, ReadOnlySpan<char> path, string category, KindContract? contract, ReadOnlySpan<char> name = default)
    {
        if (!Fields.TryGetValue(kind, out var paths))
            Fields[kind] = paths = new(StringComparer.Ordinal);
        var lookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        var key = path.Length > AuditLimits.MaxPathChars ? path[..AuditLimits.MaxPathChars] : path;
        if (lookup.TryGetValue(key, out var tally))
            return tally;
        if (!Budget.TakeFieldPath())
        {
            FieldPathsDropped++;
            return null;
        }
        var documented = category == FieldCategories.Field ? contract?.Field(key) is not null : contract?.Names(category, name.ToString()) == true;
        tally = new FieldTally(category, documented);
        lookup[key] = tally;
        return tally;
    }

    /// <summary>True once a reset has let it go: a capture that found it just before must find its replacement.</summary>
    public bool Released { get; private set; }

    /// <summary>Gives this state's endpoints and field paths back to the budget: the state is being forgotten.</summary>
    public void Release()
    {
        Released = true;
        Budget.Return(Endpoints.Count, Fields.Values.Sum(f => f.Count));
    }
}

/// <summary>One endpoint: how often, when first and last.</summary>
internal sealed class EndpointTally(ContractEndpoint? documented)
{
    public ContractEndpoint? Documented { get; } = documented;

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}

/// <summary>One field path (or one name an export carries): the types it held, how often, and a few examples, masked.</summary>
internal sealed class FieldTally(string category, bool documented)
{
    private int[] _hashes = [];
    private string[] _examples = [];

    public string Category { get; } = category;

    public bool Documented { get; } = documented;

    /// <summary>The types seen, as <see cref="TypeNames"/> bits.</summary>
    public uint Types { get; set; }

    public long Count { get; set; }

    public IReadOnlyList<string> Examples => _examples;

    /// <summary>Whether an example of this text (by its hash) could still be kept: fewer than <paramref name="max"/> and not one of them.</summary>
    public bool Wants(ReadOnlySpan<char> text, int max, out int hash)
    {
        hash = string.GetHashCode(text);
        return _examples.Length < max && Array.IndexOf(_hashes, hash) < 0;
    }

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

    public static uint Bit(string name) => 1u << Array.IndexOf(All, name);

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
