using System.Text.Json;

namespace Beacon.MockServer.Http;

/// <summary>What the pass keeps track of: the property names it has met, and the objects and arrays it is inside.</summary>
internal readonly partial record struct JsonBodyCheck
{
    /// <summary>A property name: where it stands in the body, or its unescaped text when it was written with escapes.</summary>
    private readonly record struct PropertyName(int Start, int Length, string? Unescaped, ulong Hash)
    {
        public static PropertyName Of(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped)
            {
                // A name escaping half a surrogate pair ("\ud800") cannot be read as text: it is told apart by its escaped form.
                var text = TryGetString(ref reader) ?? System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                return new(0, 0, text, Fnv(System.Text.Encoding.UTF8.GetBytes(text)));
            }
            // TokenStartIndex is the opening quote.
            return new((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null, Fnv(reader.ValueSpan));
        }

        private static string? TryGetString(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        public string Text(ReadOnlySpan<byte> body) => Unescaped ?? System.Text.Encoding.UTF8.GetString(body.Slice(Start, Length));

        public bool Is(ReadOnlySpan<byte> body, string name)
        {
            if (Unescaped is { } text)
                return text == name;
            if (Length != name.Length)
                return false;
            // The names asked about are ASCII: compare byte for char, without decoding.
            var bytes = body.Slice(Start, Length);
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != name[i])
                    return false;
            }
            return true;
        }

        /// <summary>FNV-1a, 64 bits: names within one object are compared by hash, so the pass allocates nothing per name.</summary>
        private static ulong Fnv(ReadOnlySpan<byte> bytes)
        {
            var hash = 14695981039346656037UL;
            foreach (var b in bytes)
                hash = (hash ^ b) * 1099511628211UL;
            return hash;
        }
    }

    /// <summary>The open objects and arrays, innermost last; their name lists are reused from one object to the next.</summary>
    private sealed class Frames
    {
        private readonly List<Frame> _open = [];
        private readonly Stack<List<ulong>> _spare = new();

        public int Depth => _open.Count;

        /// <summary>Whether the innermost open value is an array whose objects are items.</summary>
        public bool InItemArray => _open.Count > 0 && _open[^1].IsItems;

        /// <summary>Whether the innermost object's current property is one of <paramref name="names"/>.</summary>
        public bool CurrentNameIsAny(ReadOnlySpan<byte> body, string[] names)
        {
            var frame = _open[^1];
            if (frame.IsArray)
                return false;
            foreach (var name in names)
            {
                if (frame.Name.Is(body, name))
                    return true;
            }
            return false;
        }

        public void Push(bool array, bool items = false)
        {
            Value();
            _open.Add(array ? new Frame(true, -1, default, null, items) : new Frame(false, -1, default, _spare.TryPop(out var names) ? names : []));
        }

        public void Pop()
        {
            var frame = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            if (frame.Names is { } names)
            {
                names.Clear();
                _spare.Push(names);
            }
        }

        /// <summary>A value starts: in an array, it is the next element.</summary>
        public void Value()
        {
            if (_open.Count > 0 && _open[^1] is { IsArray: true } array)
                _open[^1] = array with { Index = array.Index + 1 };
        }

        /// <summary>Notes a name in the innermost object; false when the object already had it.</summary>
        public bool AddName(PropertyName name)
        {
            var frame = _open[^1];
            _open[^1] = frame with { Name = name };
            if (frame.Names!.Contains(name.Hash))
                return false;
            frame.Names.Add(name.Hash);
            return true;
        }

        /// <summary>The JSON path of <paramref name="name"/> in the innermost object, as problem details name fields.</summary>
        public string PathOf(ReadOnlySpan<byte> body, PropertyName name)
        {
            var path = "";
            for (var i = 0; i < _open.Count - 1; i++)
                path = _open[i].IsArray ? $"{path}[{_open[i].Index}]" : JsonPath.Member(path, _open[i].Name.Text(body));
            return JsonPath.Member(path, name.Text(body));
        }
    }

    private readonly record struct Frame(bool IsArray, int Index, PropertyName Name, List<ulong>? Names, bool IsItems = false);
}
