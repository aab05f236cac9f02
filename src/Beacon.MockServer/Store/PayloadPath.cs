using System.Buffers;

namespace Beacon.MockServer.Store;

/// <summary>
/// The path of the value a payload walk is on, kept twice: with array indexes (<c>spans[1].name</c>, what findings
/// name) and without (<c>spans[].name</c>, one name for a field). Members are written as findings write them, quoted
/// when they hold a dot or a bracket (<c>tags['a.b']</c>). Past <see cref="MaxLength"/> characters a path ends in an
/// ellipsis and deeper members are left out, so a walk of any depth costs bounded memory.
/// </summary>
internal sealed class PayloadPath : IDisposable
{
    /// <summary>Longest path kept; what lies deeper shares the cut path.</summary>
    public const int MaxLength = 512;

    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(".'/\"[]() \\\t\n\r\f\b");

    /// <summary>The first indexes as written, so that the common case formats nothing.</summary>
    private static readonly string[] Indexes = [.. Enumerable.Range(0, 64).Select(i => $"[{i}]")];

    private readonly char[] _path = ArrayPool<char>.Shared.Rent(MaxLength + 1);
    private readonly char[] _field = ArrayPool<char>.Shared.Rent(MaxLength + 1);
    private int[] _stack = ArrayPool<int>.Shared.Rent(64);
    private int _depth;
    private int _pathLength;
    private int _fieldLength;

    public ReadOnlySpan<char> Path => _path.AsSpan(0, _pathLength);

    public ReadOnlySpan<char> Field => _field.AsSpan(0, _fieldLength);

    /// <summary>Steps into a member of the object the path is on.</summary>
    public void Member(ReadOnlySpan<char> name)
    {
        Save();
        if (name.ContainsAny(NeedsQuoting))
        {
            Append("['");
            foreach (var c in name)
                Append(c == '\'' ? "\\'" : new ReadOnlySpan<char>(in c));
            Append("']");
        }
        else
        {
            if (_pathLength > 0)
                Append(".");
            Append(name);
        }
    }

    /// <summary>Steps into an item of the array the path is on.</summary>
    public void Item(int index)
    {
        Save();
        AppendTo(_field, ref _fieldLength, "[]");
        if (index < Indexes.Length)
        {
            AppendTo(_path, ref _pathLength, Indexes[index]);
            return;
        }
        Span<char> digits = stackalloc char[12];
        digits[0] = '[';
        index.TryFormat(digits[1..], out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        digits[written + 1] = ']';
        AppendTo(_path, ref _pathLength, digits[..(written + 2)]);
    }

    /// <summary>Back to the root: the path is empty again.</summary>
    public void Clear() => (_depth, _pathLength, _fieldLength) = (0, 0, 0);

    /// <summary>Steps back out of the last member or item.</summary>
    public void Pop()
    {
        _depth--;
        _pathLength = _stack[2 * _depth];
        _fieldLength = _stack[2 * _depth + 1];
    }

    /// <summary>Hands <paramref name="visitor"/> the value at this path.</summary>
    public void Visit(IPayloadVisitor visitor, ReadOnlySpan<char> name, PayloadValueType type, ReadOnlySpan<char> text = default) =>
        visitor.Visit(new PayloadValue(Path, Field, name, type, text));

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_path);
        ArrayPool<char>.Shared.Return(_field);
        ArrayPool<int>.Shared.Return(_stack);
    }

    private void Save()
    {
        if (2 * _depth + 2 > _stack.Length)
        {
            var larger = ArrayPool<int>.Shared.Rent(_stack.Length * 2);
            _stack.AsSpan().CopyTo(larger);
            ArrayPool<int>.Shared.Return(_stack);
            _stack = larger;
        }
        _stack[2 * _depth] = _pathLength;
        _stack[2 * _depth + 1] = _fieldLength;
        _depth++;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        AppendTo(_path, ref _pathLength, text);
        AppendTo(_field, ref _fieldLength, text);
    }

    private static void AppendTo(char[] buffer, ref int length, ReadOnlySpan<char> text)
    {
        if (length >= MaxLength)
            return;
        if (length + text.Length <= MaxLength)
        {
            text.CopyTo(buffer.AsSpan(length));
            length += text.Length;
            return;
        }
        text[..(MaxLength - 1 - length)].CopyTo(buffer.AsSpan(length));
        buffer[MaxLength - 1] = '…';
        length = MaxLength;
    }
}
