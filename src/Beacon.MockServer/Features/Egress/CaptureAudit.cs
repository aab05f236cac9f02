using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// One capture, audited once as it is received: its endpoint, its path, query and headers, and its payload value by
/// value (<see cref="CapturePayload.Visit"/>), into its namespace's <see cref="AuditState"/>. Each break of a promise is
/// counted there and named on the capture as a finding. Runs on the request's thread: one pass, and a string made only
/// for what is new or broken. Each thread keeps one (<see cref="EgressAudit"/>), used by one capture at a time:
/// <see cref="Run"/> starts afresh, so a request allocates nothing for it.
/// </summary>
internal sealed partial class CaptureAudit(AuditRules rules) : IPayloadVisitor
{
    private readonly AuditRules _rules = rules;
    private AuditState _state = null!;
    private Capture _capture = null!;
    private KindContract? _contract;
    private KnownKeys.Snapshot _keys = KnownKeys.Snapshot.Empty;
    private List<Finding>? _findings;
    private int _findingsDropped;
    private bool _pathHit;
    private bool _usage;

    // Whether the payload's walk says what each value is (a decoded export), or the path must (JSON as it came).
    private bool _roles;

    // The last field found undocumented, or not a count: what lies under it is not reported again.
    private string? _undocumented;
    private string? _notACount;

    // The last field whose member name held personal data or a key: its path is masked, and every path under it.
    private string? _tainted;

    // The fields the last body of this kind met, in order, and how far this one has followed them; the fields it met
    // once it went another way.
    private FieldTally[]? _order;
    private int _position;
    private List<FieldTally>? _visited;

    /// <summary>Forgets the capture before: every field a capture's audit reads starts as it would in a new one.</summary>
    private void Start(AuditState state, Capture capture)
    {
        _state = state;
        _capture = capture;
        _contract = _rules.Contract.Kind(capture.Kind);
        _usage = capture.Kind == UsageSnapshot;
        _keys = _rules.Keys.Current;
        _findings = null;
        _findingsDropped = 0;
        _pathHit = false;
        _undocumented = null;
        _notACount = null;
        _tainted = null;
        _order = null;
        _position = 0;
        _visited = null;
        _recordPathLength = 0;
        _inRecord = false;
        _severity = 0;
        _severityText = null;
        _attribute = null;
        _metric = null;
    }

    /// <returns>The findings for the capture: one per break, at most <see cref="AuditLimits.MaxFindings"/> and a count of the rest.</returns>
    public IReadOnlyList<Finding> Run(AuditState state, Capture capture)
    {
        Start(state, capture);
        try
        {
            return Audit();
        }
        finally
        {
            // Nothing of this capture is kept past its audit: the store may evict it, and its payload go; nor its state,
            // which a reset may let go.
            _state = null!;
            _capture = null!;
            _findings = null;
            _visited = null;
            _order = null;
        }
    }

    private IReadOnlyList<Finding> Audit()
    {
        var capture = _capture;
        _state.Audited(capture.ReceivedAt, documentedBody: _contract is { Payload: "json" }, usageSnapshot: _usage);

        _pathHit = Text(capture.Path, "(path)");
        Endpoint();
        if (_rules.Disabled.Contains(capture.Kind))
        {
            Break(EgressPromises.OptOutsHonoured, "$", "$", capture.Kind, "switched off",
                $"A {capture.Kind} request arrived, though Beacon:Egress:Disabled declares {capture.Kind} switched off.");
        }
        // As the server reads them: %40 is an '@'.
        if (capture.Query is { } query)
            Text(Uri.UnescapeDataString(query), "(query)");
        // The pipeline keeps its headers in a Dictionary: walked as one, its enumerator is not boxed.
        if (capture.Headers is Dictionary<string, string> headers)
        {
            foreach (var (name, value) in headers)
                Header(name, value);
        }
        else
        {
            foreach (var (name, value) in capture.Headers)
                Header(name, value);
        }
        _order = _state.Order.TryGetValue(capture.Kind, out var order) ? order : null;
        _roles = capture.Payload?.VisitsRoles == true;
        capture.Payload?.Visit(this);
        EndRecord();
        if (_visited is not null || _order is not null && _position < _order.Length)
            _state.Order[capture.Kind] = _visited?.ToArray() ?? _order![.._position];

        if (_findingsDropped > 0)
            _findings!.Add(new Finding("$", $"… and {_findingsDropped} more breaks of egress promises in this capture: GET /mock/egress counts every one."));
        return _findings ?? (IReadOnlyList<Finding>)[];
    }

    /// <summary>An export walked from its model is read by what it names and by its strings: its containers say nothing here.</summary>
    public bool WantsContainers => !(_roles && _contract is { IsOtlp: true });

    public void Visit(in PayloadValue value)
    {
        var text = value.Type is PayloadValueType.String or PayloadValueType.Number;
        if (_contract is { IsOtlp: true })
        {
            Otlp(value, text);
            return;
        }
        if (value.Path.IsEmpty)
        {
            if (text)
                Text(value.Text, value);
            return;
        }
        // A member name is data too (a map's key): one that holds personal data or a key is masked in every path under
        // it. A path seen before names the same member: searched once, and again only when a new key is known.
        var seen = Seen(value.Field);
        var clean = value.Name.IsEmpty || seen?.NameClean == _keys.Version;
        if (!clean && Text(value.Name, value))
        {
            if (!Under(value.Field, _tainted))
                _tainted = value.Field.ToString();
        }
        var tainted = _tainted is not null && (value.Field.SequenceEqual(_tainted) || Under(value.Field, _tainted));
        var tally = tainted ? _state.Field(_capture.Kind, _rules.Safe(value.Field, _keys), FieldCategories.Field, _contract)
            : seen ?? _state.Field(_capture.Kind, value.Field, FieldCategories.Field, _contract);
        if (!tainted && tally is not null)
            tally.NameClean = _keys.Version;
        if (tally is not null && tally != seen)
            Visited(tally);
        var documented = tally is null ? _contract?.Field(value.Field) : tally.Contract;
        var credential = documented?.Credential == true;
        if (text)
            Text(value.Text, value, credential);
        JsonField(value, tally, documented);
    }

    /// <summary>A field of a JSON body: its tally, whether the pages document it, and (usage snapshots) whether it is a count.</summary>
    private void JsonField(in PayloadValue value, FieldTally? tally, ContractField? documented)
    {
        if (tally is not null)
        {
            var looks = tally.Saw(1u << (int)value.Type);
            if (value.Type is PayloadValueType.String or PayloadValueType.Number)
                Example(tally, value.Text, looks, documented?.Credential == true);
        }
        if (_contract is { Payload: "json" } && documented is null && !Under(value.Field, _undocumented))
        {
            _undocumented = value.Field.ToString();
            Break(EgressPromises.DocumentedFields, value.Path, value.Field, Shown(value), "undocumented field",
                $"{_rules.Safe(_undocumented, _keys)} is not a field the pages document for {_capture.Kind}.");
        }
        if (_usage)
            Count(value);
    }

    /// <summary>The tally of a field already seen: the next in the last body's order when the paths agree, else looked up.</summary>
    private FieldTally? Seen(ReadOnlySpan<char> field)
    {
        if (_visited is null && _order is not null && _position < _order.Length && field.SequenceEqual(_order[_position].Path))
            return _order[_position++];
        if (_visited is null)
            _visited = [.. (_order ?? [])[.._position]];
        var seen = _state.Find(_capture.Kind, field);
        if (seen is not null)
            _visited.Add(seen);
        return seen;
    }

    /// <summary>A field met that <see cref="Seen"/> did not find: new, or held under its masked path.</summary>
    private void Visited(FieldTally tally) => (_visited ??= [.. (_order ?? [])[.._position]]).Add(tally);

    /// <summary>usage-counts-only: <c>measures</c> is an object, and each of its members a non-negative JSON integer.</summary>
    private void Count(in PayloadValue value)
    {
        var field = value.Field;
        if (field.SequenceEqual("measures"))
        {
            if (value.Type != PayloadValueType.Object)
                NotACount(value, $"measures is {Described(value)}, not an object of counts.");
            return;
        }
        if (!(field.StartsWith("measures.") || field.StartsWith("measures[")) || Under(field, _notACount))
            return;
        if (value.Type != PayloadValueType.Number || value.Text.ContainsAnyExceptInRange('0', '9'))
            NotACount(value, $"{_rules.Safe(value.Path, _keys)} is {Described(value)}, not a non-negative integer.");
    }

    private void NotACount(in PayloadValue value, string message)
    {
        _notACount = value.Field.ToString();
        Break(EgressPromises.UsageCountsOnly, value.Path, value.Field, Shown(value), "not a count", message);
    }

    private void Endpoint()
    {
        var capture = _capture;
        // A path a client chose (one no route serves) may hold anything: it is kept masked, as it is reported.
        var path = _pathHit ? Ellipsis.Cut(_rules.Safe(capture.Path, _keys), AuditLimits.MaxPathChars) : Ellipsis.Cut(capture.Path, AuditLimits.MaxPathChars);
        var key = (capture.Kind, capture.Method, path);
        var tally = _state.LastEndpoint is { } last && last.Key == key ? last : null;
        if (tally is null && !_state.Endpoints.TryGetValue(key, out tally))
            tally = _state.Endpoint(key, _rules.Contract.Endpoint(capture.Method, capture.Path), capture.ReceivedAt);
        if (tally is not null)
        {
            if (_state.LastEndpoint != tally)
                _state.LastEndpoint = tally;
            tally.Saw(capture.ReceivedAt);
        }
        if ((tally is null ? _rules.Contract.Endpoint(capture.Method, capture.Path) : tally.Documented) is null)
        {
            var endpoint = $"{capture.Method} {path}";
            Break(EgressPromises.DocumentedEndpoints, "$", endpoint, endpoint, "undocumented endpoint",
                $"{endpoint} ({capture.Kind}) is not an endpoint the pages document.");
        }
    }

    private void Header(string name, string value)
    {
        if (!IsCredentialHeader(name))
            Text(value, name);
    }

    /// <summary>
    /// <see cref="Text(ReadOnlySpan{char}, in PayloadValue, bool)"/> for a path, query or header
    /// value, where <paramref name="where"/> is both path and field. Most requests repeat the ones before (the same path,
    /// User-Agent, Content-Type): one the state found clean against the same keys is not searched again.
    /// </summary>
    private bool Text(string text, string where)
    {
        if (_state.Clean.Contains(text, _keys.Version))
            return false;
        if (Text(text, new PayloadValue(where, where, default, PayloadValueType.String, text)))
            return true;
        _state.Clean.Add(text, _keys.Version);
        return false;
    }

    /// <summary>no-personal-data and license-key-confined, for one value (or member name, header, path, query).</summary>
    /// <param name="at">Where it stands: its path is read only for a break (a walk of a model writes it only when read).</param>
    /// <returns>Whether it held either.</returns>
    private bool Text(ReadOnlySpan<char> text, in PayloadValue at, bool credential = false)
    {
        if (text.IsEmpty || credential)
            return false;
        var sensitive = _rules.Sensitive.TryFind(text, 0, out var match);
        if (sensitive)
            Break(EgressPromises.NoPersonalData, at.Path, at.Field, match.Masked, match.What, $"Looks like {match.What}: {match.Masked}.");
        if (_keys.Find(text) is not { } key)
            return sensitive;
        var masked = Secrets.Mask(key);
        Break(EgressPromises.LicenseKeyConfined, at.Path, at.Field, masked, "a key",
            $"The license or API key {masked} appears here, outside its credential field and headers.");
        return true;
    }

    private void Example(FieldTally tally, ReadOnlySpan<char> text, long looks, bool credential)
    {
        if (tally.Wants(text, _rules.MaxExamples, looks, out var hash))
            tally.Keep(hash, credential ? Secrets.Mask(text.ToString()) : _rules.MaskExample(text, _keys), _rules.MaxExamples);
    }

    /// <summary>Counts a break in the state, keeps its evidence, and names it on the capture.</summary>
    private void Break(EgressPromise promise, ReadOnlySpan<char> path, ReadOnlySpan<char> field, string? value, string what, string message)
    {
        var where = path.IsEmpty ? "$" : path.ToString();
        // The path may hold what broke the promise (a member named by an e-mail address): the report shows it masked.
        var shown = Ellipsis.Cut(_rules.Safe(where, _keys), AuditLimits.MaxPathChars);
        var evidence = new EgressEvidence(_capture.Sequence, _capture.Kind, shown, value, Ellipsis.Cut(message, AuditLimits.MaxMessageChars))
        {
            Field = Ellipsis.Cut(field.ToString(), AuditLimits.MaxPathChars),
            What = what,
        };
        _state.Promise(promise).Add(evidence, _rules.MaxEvidence);
        _findings ??= [];
        if (_findings.Count < AuditLimits.MaxFindings)
            _findings.Add(new Finding(where, $"Breaks the egress promise {promise.Id}: {message}"));
        else
            _findingsDropped++;
    }

    /// <summary>A value as evidence may show it: its text masked, or its JSON type.</summary>
    private string Shown(in PayloadValue value) =>
        value.Type is PayloadValueType.String or PayloadValueType.Number ? _rules.MaskExample(value.Text, _keys) : TypeNames.All[(int)value.Type];

    private static string Described(in PayloadValue value) => value.Type switch
    {
        PayloadValueType.Object => "an object",
        PayloadValueType.Array => "an array",
        PayloadValueType.String => "a string",
        PayloadValueType.Boolean => "a boolean",
        PayloadValueType.Null => "null",
        _ => $"the number {value.Text}",
    };

    /// <summary>Whether <paramref name="field"/> lies under <paramref name="parent"/> (a member or an item of it).</summary>
    private static bool Under(ReadOnlySpan<char> field, string? parent) =>
        parent is not null && field.Length > parent.Length && field.StartsWith(parent) && field[parent.Length] is '.' or '[';

    private static bool IsCredentialHeader(string name) =>
        name.Equals(CredentialHeaders.LicenseKey, StringComparison.OrdinalIgnoreCase) || name.Equals(CredentialHeaders.ApiKey, StringComparison.OrdinalIgnoreCase)
        || name.Equals(CredentialHeaders.DataPlane, StringComparison.OrdinalIgnoreCase) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase);

    private const string UsageSnapshot = "usage-snapshot";
}
