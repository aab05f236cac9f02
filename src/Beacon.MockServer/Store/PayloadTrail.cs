using System.Buffers;

namespace Beacon.MockServer.Store;

/// <summary>
/// The path a walk of a decoded model is on, kept as the steps it took (a member's name, an item's index) and written
/// out, as <see cref="PayloadPath"/> writes it, only when a visitor reads it: a visitor that looks at what a value is
/// (<see cref="PayloadValue.Role"/>) reads the path only of what it reports, so most values cost a step, not a copy.
/// Member names are the model's own constants, so a step keeps the string itself.
/// </summary>
internal sealed class PayloadTrail : IDisposable
{
    private string?[] _names = ArrayPool<string?>.Shared.Rent(32);
    private int[] _indexes = ArrayPool<int>.Shared.Rent(32);
    private int _depth;

    // The path as last written, and the steps it was written for: written again once a step is taken or undone.
    private PayloadPath? _written;
    private long _steps;
    private long _writtenAt = -1;

    public ReadOnlySpan<char> Path => Written().Path;

    public ReadOnlySpan<char> Field => Written().Field;

    /// <summary>Steps into a member of the object the walk is on.</summary>
    public void Member(string name)
    {
        Grow();
        _names[_depth++] = name;
        _steps++;
    }

    /// <summary>Steps into an item of the array the walk is on.</summary>
    public void Item(int index)
    {
        Grow();
        _names[_depth] = null;
        _indexes[_depth++] = index;
        _steps++;
    }

    /// <summary>Steps back out of the last member or item.</summary>
    public void Pop()
    {
        _depth--;
        _steps++;
    }

    /// <summary>Hands <paramref name="visitor"/> the value at this path.</summary>
    public void Visit(IPayloadVisitor visitor, ReadOnlySpan<char> name, PayloadValueType type, ReadOnlySpan<char> text = default, PayloadRole role = PayloadRole.None) =>
        visitor.Visit(new PayloadValue(this, name, type, text, role));

    public void Dispose()
    {
        ArrayPool<string?>.Shared.Return(_names, clearArray: true);
        ArrayPool<int>.Shared.Return(_indexes);
        _written?.Dispose();
    }

    private PayloadPath Written()
    {
        var written = _written ??= new PayloadPath();
        if (_writtenAt == _steps)
            return written;
        written.Clear();
        for (var i = 0; i < _depth; i++)
        {
            if (_names[i] is { } name)
                written.Member(name);
            else
                written.Item(_indexes[i]);
        }
        _writtenAt = _steps;
        return written;
    }

    private void Grow()
    {
        if (_depth < _names.Length && _depth < _indexes.Length)
            return;
        var names = ArrayPool<string?>.Shared.Rent(_names.Length * 2);
        var indexes = ArrayPool<int>.Shared.Rent(_indexes.Length * 2);
        _names.AsSpan(0, _depth).CopyTo(names);
        _indexes.AsSpan(0, _depth).CopyTo(indexes);
        ArrayPool<string?>.Shared.Return(_names, clearArray: true);
        ArrayPool<int>.Shared.Return(_indexes);
        (_names, _indexes) = (names, indexes);
    }
}
