namespace Beacon.MockServer.Store;

/// <summary>The JSON type of a value a payload walk meets.</summary>
internal enum PayloadValueType : byte
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// What a value is in a telemetry export, for a visitor that reads an export by what it names rather than by its path.
/// A walk of a decoded export (<see cref="CapturePayload.VisitsRoles"/>) says it of each value; a walk of JSON text
/// says <see cref="None"/> of every value, and a visitor that needs the role reads it from the path.
/// </summary>
internal enum PayloadRole : byte
{
    None,

    /// <summary>The key of a resource attribute (<c>resource.attributes[].key</c>).</summary>
    ResourceAttributeKey,

    /// <summary>The key of any other attribute list: a scope's, span's, event's, link's, point's, exemplar's, record's, a metric's metadata; not a key inside an attribute's value.</summary>
    AttributeKey,

    ScopeName,

    MetricName,

    SpanName,

    EventName,

    /// <summary>A log record (the object).</summary>
    LogRecord,

    /// <summary>A log record's <c>severityNumber</c>, when it has one.</summary>
    SeverityNumber,

    SeverityText,

    /// <summary>A metric's data (the object), named by its kind: <c>gauge</c>, <c>sum</c>, <c>histogram</c>...</summary>
    MetricData,
}

/// <summary>
/// One value of a payload, as a walk meets it (<see cref="CapturePayload.Visit"/>): where it stands and what it holds.
/// Its spans are valid only during the call that hands it over. A walk of JSON text hands its path over written; a walk
/// of a decoded model writes it only if the visitor reads it (<see cref="PayloadTrail"/>), which most values never need.
/// </summary>
internal readonly ref struct PayloadValue
{
    private readonly ReadOnlySpan<char> _path;
    private readonly ReadOnlySpan<char> _field;
    private readonly PayloadTrail? _trail;

    public PayloadValue(ReadOnlySpan<char> path, ReadOnlySpan<char> field, ReadOnlySpan<char> name, PayloadValueType type, ReadOnlySpan<char> text)
    {
        _path = path;
        _field = field;
        Name = name;
        Type = type;
        Text = text;
    }

    public PayloadValue(PayloadTrail trail, ReadOnlySpan<char> name, PayloadValueType type, ReadOnlySpan<char> text, PayloadRole role)
    {
        _trail = trail;
        Name = name;
        Type = type;
        Text = text;
        Role = role;
    }

    /// <summary>Where it stands, as findings write it: <c>trace_transactions[0].id</c>, <c>tags['a.b']</c>; empty for the root.</summary>
    public ReadOnlySpan<char> Path => _trail is null ? _path : _trail.Path;

    /// <summary>The same path with its array indexes left out (<c>trace_transactions[].id</c>): one name for a field however many items hold it.</summary>
    public ReadOnlySpan<char> Field => _trail is null ? _field : _trail.Field;

    /// <summary>The member name it stands under, unquoted; empty for an array item and the root.</summary>
    public ReadOnlySpan<char> Name { get; }

    public PayloadValueType Type { get; }

    /// <summary>A string's text, or a number as written; empty for objects, arrays, booleans and null.</summary>
    public ReadOnlySpan<char> Text { get; }

    /// <summary>What it is in a telemetry export, when the walk knows (<see cref="CapturePayload.VisitsRoles"/>).</summary>
    public PayloadRole Role { get; }
}

/// <summary>Reads a payload value by value, without a copy of it being made: see <see cref="CapturePayload.Visit"/>.</summary>
internal interface IPayloadVisitor
{
    void Visit(in PayloadValue value);

    /// <summary>
    /// Whether a walk that says what each value is (<see cref="CapturePayload.VisitsRoles"/>) hands over the objects and
    /// arrays that are only containers (<see cref="PayloadRole.None"/>). A visitor that reads an export by what it names
    /// and by its strings need not be handed them; a walk of JSON text hands over every value, whatever this says.
    /// </summary>
    bool WantsContainers => true;
}
