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
/// One value of a payload, as a walk meets it (<see cref="CapturePayload.Visit"/>): where it stands and what it holds.
/// Its spans are valid only during the call that hands it over.
/// </summary>
internal readonly ref struct PayloadValue
{
    public PayloadValue(ReadOnlySpan<char> path, ReadOnlySpan<char> field, ReadOnlySpan<char> name, PayloadValueType type, ReadOnlySpan<char> text)
    {
        Path = path;
        Field = field;
        Name = name;
        Type = type;
        Text = text;
    }

    /// <summary>Where it stands, as findings write it: <c>trace_transactions[0].id</c>, <c>tags['a.b']</c>; empty for the root.</summary>
    public ReadOnlySpan<char> Path { get; }

    /// <summary>The same path with its array indexes left out (<c>trace_transactions[].id</c>): one name for a field however many items hold it.</summary>
    public ReadOnlySpan<char> Field { get; }

    /// <summary>The member name it stands under, unquoted; empty for an array item and the root.</summary>
    public ReadOnlySpan<char> Name { get; }

    public PayloadValueType Type { get; }

    /// <summary>A string's text, or a number as written; empty for objects, arrays, booleans and null.</summary>
    public ReadOnlySpan<char> Text { get; }
}

/// <summary>Reads a payload value by value, without a copy of it being made: see <see cref="CapturePayload.Visit"/>.</summary>
internal interface IPayloadVisitor
{
    void Visit(in PayloadValue value);
}
