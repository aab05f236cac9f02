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

    /// <summary>
    /// The open objects and arrays, innermost last, in arrays indexed by depth; the names met in each open object sit
    /// in one flat list, an object's from where it opened. An object with many names gets a set, so a pass stays linear.
    /// </summary>
    private sealed class Frames
    {
        private const int ScanLimit = 32;

        private bool[] _isArray = new bool[16];
        private bool[] _isItems = new bool[16];
        private int[] _index = new int[16];
        private int[] _namesFrom = new int[16];
        private PropertyName[] _name = new PropertyName[16];
        private HashSet<ulong>?[] _manyNames = new HashSet<ulong>?[16];
        private ulong[] _names = new ulong[64];
        private int _namesCount;

        public int Depth { get; private set; }

        /// <summary>Whether the innermost open value is an array.</summary>
        public bool InArray => Depth > 0 && _isArray[Depth - 1];

        /// <summary>Whether the innermost open value is an array whose objects are items.</summary>
        public bool InItemArray => Depth > 0 && _isItems[Depth - 1];

        /// <summary>Whether the innermost object's current property is one of <paramref name="names"/>.</summary>
        public bool CurrentNameIsAny(ReadOnlySpan<byte> body, string[] names)
        {
            if (_isArray[Depth - 1])
                return false;
            foreach (var name in names)
            {
                if (_name[Depth - 1].Is(body, name))
                    return true;
            }
            return false;
        }

        public void Push(bool array, bool items = false)
        {
            Value();
            if (Depth == _isArray.Length)
            {
                var size = 2 * Depth;
                Array.Resize(ref _isArray, size);
                Array.Resize(ref _isItems, size);
                Array.Resize(ref _index, size);
                Array.Resize(ref _namesFrom, size);
                Array.Resize(ref _name, size);
                Array.Resize(ref _manyNames, size);
            }
            (_isArray[Depth], _isItems[Depth], _index[Depth], _namesFrom[Depth], _manyNames[Depth]) = (array, items, -1, _namesCount, null);
            Depth++;
        }

        public void Pop()
        {
            Depth--;
            _namesCount = _namesFrom[Depth];
            _manyNames[Depth] = null;
        }

        /// <summary>A value starts: in an array, it is the next element.</summary>
        public void Value()
        {
            if (Depth > 0 && _isArray[Depth - 1])
                _index[Depth - 1]++;
        }

        /// <summary>Notes a name in the innermost object; false when the object already had it.</summary>
        public bool AddName(PropertyName name)
        {
            var frame = Depth - 1;
            _name[frame] = name;
            if (_manyNames[frame] is { } many)
                return many.Add(name.Hash);
            var from = _namesFrom[frame];
            if (_names.AsSpan(from, _namesCount - from).Contains(name.Hash))
                return false;
            if (_namesCount - from == ScanLimit)
            {
                _manyNames[frame] = [.. _names.AsSpan(from, _namesCount - from).ToArray(), name.Hash];
                return true;
            }
            if (_namesCount == _names.Length)
                Array.Resize(ref _names, 2 * _names.Length);
            _names[_namesCount++] = name.Hash;
            return true;
        }

        /// <summary>The JSON path of <paramref name="name"/> in the innermost object, as problem details name fields.</summary>
        public string PathOf(ReadOnlySpan<byte> body, PropertyName name)
        {
            var path = "";
            for (var i = 0; i < Depth - 1; i++)
                path = _isArray[i] ? $"{path}[{_index[i]}]" : JsonPath.Member(path, _name[i].Text(body));
            return JsonPath.Member(path, name.Text(body));
        }
    }
}
