using System.Text.Json;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// What the pages document a deployment sends, read at start from <c>documented-egress.json</c> (embedded in the
/// assembly): each endpoint and field, with the page it comes from. The audit asks it, and nothing else, what is documented.
/// </summary>
internal sealed class EgressContract
{
    private const string Resource = "Egress.documented-egress.json";

    private readonly Dictionary<string, ContractEndpoint> _endpoints;
    private readonly Dictionary<string, KindContract> _kinds;

    private EgressContract(ContractFile file)
    {
        Pages = file.Pages;
        var pages = file.Pages.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        _kinds = new(StringComparer.Ordinal);
        _endpoints = new(StringComparer.Ordinal);
        foreach (var kind in file.Kinds)
        {
            if (kind.Payload is not ("json" or "otlp" or "none"))
                throw Invalid($"kind {kind.Kind} has payload '{kind.Payload}'; it must be json, otlp or none");
            foreach (var page in kind.Endpoints.Select(e => e.Page).Concat(kind.Fields.Select(f => f.Page)).Append(kind.Page).OfType<string>())
            {
                if (!pages.Contains(page))
                    throw Invalid($"kind {kind.Kind} cites page '{page}', which the file does not list");
            }
            foreach (var category in kind.Names.Keys)
            {
                if (!FieldCategories.Names.Contains(category))
                    throw Invalid($"kind {kind.Kind} lists names of '{category}', which is not one of {string.Join(", ", FieldCategories.Names)}");
            }
            _kinds.Add(kind.Kind, new KindContract(kind));
            foreach (var endpoint in kind.Endpoints)
                _endpoints.Add(EndpointKey(endpoint.Method, endpoint.Path), endpoint with { Page = endpoint.Page ?? kind.Page, Section = endpoint.Section ?? kind.Section });
        }
    }

    /// <summary>The pages cited, in the file's order.</summary>
    public IReadOnlyList<ContractPage> Pages { get; }

    /// <summary>The documented endpoints, variants included.</summary>
    public IEnumerable<ContractEndpoint> Endpoints => _endpoints.Values;

    /// <summary>The documented endpoint at <paramref name="method"/> <paramref name="path"/>; null when the pages name none.</summary>
    public ContractEndpoint? Endpoint(string method, string path) => _endpoints.GetValueOrDefault(EndpointKey(method, path));

    /// <summary>What is documented of <paramref name="kind"/>'s payload; null for a kind the pages do not describe (unmatched).</summary>
    public KindContract? Kind(string kind) => _kinds.GetValueOrDefault(kind);

    public static EgressContract Load()
    {
        using var stream = typeof(EgressContract).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The assembly holds no {Resource}.");
        var file = JsonSerializer.Deserialize(stream, EgressJson.Default.ContractFile) ?? throw Invalid("it is null");
        return new EgressContract(file);
    }

    private static string EndpointKey(string method, string path) => $"{method} {path}";

    private static InvalidOperationException Invalid(string why) => new($"documented-egress.json is not a contract the audit can read: {why}.");
}

/// <summary>One kind's documented payload: its fields (JSON kinds) or the names its exports carry (OTLP kinds).</summary>
internal sealed class KindContract
{
    private readonly Dictionary<string, ContractField>.AlternateLookup<ReadOnlySpan<char>> _fields;
    private readonly Dictionary<string, HashSet<string>> _names;

    public KindContract(ContractKind kind)
    {
        Kind = kind.Kind;
        Payload = kind.Payload;
        var fields = kind.Fields.ToDictionary(f => f.Path, f => f with { Page = f.Page ?? kind.Page, Section = f.Section ?? kind.Section }, StringComparer.Ordinal);
        _fields = fields.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = kind.Names.ToDictionary(n => n.Key, n => n.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public string Kind { get; }

    /// <summary><c>json</c> (a Beacon JSON body: its fields are documented or not), <c>otlp</c> (an export: its names are), or <c>none</c>.</summary>
    public string Payload { get; }

    public bool IsOtlp => Payload == "otlp";

    /// <summary>The documented field at <paramref name="path"/> (<c>trace_transactions[].id</c>); null when it is not documented.</summary>
    public ContractField? Field(ReadOnlySpan<char> path) => _fields.TryGetValue(path, out var field) ? field : null;

    /// <summary>Whether an export's <paramref name="name"/> of <paramref name="category"/> (a span name, an attribute key) is in the documented sample.</summary>
    public bool Names(string category, string name) => _names.TryGetValue(category, out var names) && names.Contains(name);
}

/// <summary>The categories a field of the report falls in: a payload field, or, for OTLP, what an export names.</summary>
internal static class FieldCategories
{
    public const string Field = "field";
    public const string ResourceAttribute = "resource-attribute";
    public const string Scope = "scope";
    public const string Metric = "metric";
    public const string Span = "span";
    public const string Event = "event";
    public const string Attribute = "attribute";
    public const string Severity = "severity";

    public static readonly string[] Names = [Field, ResourceAttribute, Scope, Metric, Span, Event, Attribute, Severity];
}

// The file as it is written.

internal sealed record ContractFile(string About, IReadOnlyList<ContractPage> Pages, IReadOnlyList<ContractKind> Kinds);

/// <param name="Id">How entries cite it: <c>001</c>.</param>
internal sealed record ContractPage(string Id, string Title, string Url, string Note);

internal sealed record ContractKind
{
    public required string Kind { get; init; }

    public required string Payload { get; init; }

    public required string Page { get; init; }

    public required string Section { get; init; }

    // Settable, not init-only: the source generator sets every init-only property, to null when the file leaves it out.
    public IReadOnlyList<ContractEndpoint> Endpoints { get; set; } = [];

    public IReadOnlyList<ContractField> Fields { get; set; } = [];

    public IReadOnlyDictionary<string, string[]> Names { get; set; } = new Dictionary<string, string[]>();
}

/// <param name="Variant">Not on the pages, but what a real client sends instead (LangGraph's <c>GET /auth</c>).</param>
internal sealed record ContractEndpoint(string Method, string Path, bool Variant = false, string? Page = null, string? Section = null);

/// <param name="Credential">The field that carries the license or API key: a key there is where it belongs.</param>
internal sealed record ContractField(string Path, bool Credential = false, string? Page = null, string? Section = null);
