using System.Text.Json;

namespace Beacon.MockServer.Http;

/// <summary>
/// One forward pass over a JSON body, before anything is deserialized: is it UTF-8 and well-formed JSON within
/// the depth allowed, which keys repeat within one object, and which string the root's license fields hold; and how
/// much it holds (objects, text, items of the named arrays), for a receiver that must know before it decodes.
/// Duplicates are read as common JSON parsers read them (the last one wins); the pass says where they are.
/// </summary>
internal readonly record struct JsonBodyCheck(string? Error, IReadOnlyList<string> Duplicates, string? License, long Objects, long StringBytes, long Items)
{
    public bool IsJson => Error is null;

    /// <param name="licenseFields">Root properties that may hold the license, highest rank first; the last occurrence of a name wins.</param>
    /// <param name="itemArrays">Names of arrays whose objects are counted as <see cref="Items"/>, at any depth.</param>
    public static JsonBodyCheck Run(ReadOnlySpan<byte> body, int maxDepth, ReadOnlySpan<string> licenseFields = default, string[]? itemArrays = null)
    {
        if (body.IsEmpty)
            return Failed("the body is empty");
        // JSON on the wire is UTF-8 (RFC 8259). The reader checks only the strings it decodes, so check all of it:
        // a capture must never hold bytes that make its own JSON unreadable.
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return Failed("the body is not valid UTF-8");

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        var frames = new Frames();
        List<string>? duplicates = null;
        string? license = null;
        var licenseRank = int.MaxValue;
        long objects = 0, strings = 0, items = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects++;
                        if (frames.InItemArray)
                            items++;
                        frames.Push(array: false);
                        break;
                    case JsonTokenType.StartArray:
                        frames.Push(array: true, items: itemArrays is not null && frames.Depth > 0 && frames.CurrentNameIsAny(body, itemArrays));
                        break;
                    case JsonTokenType.String:
                        strings += reader.ValueSpan.Length;
                        frames.Value();
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = PropertyName.Of(ref reader);
                        if (!frames.AddName(name))
                            (duplicates ??= []).Add(frames.PathOf(body, name));
                        if (frames.Depth == 1 && Rank(licenseFields, body, name) is var rank and >= 0 && rank <= licenseRank)
                        {
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                (license, licenseRank) = (reader.GetString(), rank);
                                strings += reader.ValueSpan.Length;
                            }
                            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            {
                                objects += reader.TokenType == JsonTokenType.StartObject ? 1 : 0;
                                frames.Push(reader.TokenType == JsonTokenType.StartArray);
                            }
                        }
                        break;
                    default:
                        frames.Value();
                        break;
                }
            }
            return new(null, duplicates ?? [], license, objects, strings, items);
        }
        catch (JsonException e)
        {
            return Failed(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // GetString on a string holding an escaped lone surrogate.
            return Failed(e.Message);
        }
    }

    private static JsonBodyCheck Failed(string error) => new(error, [], null, 0, 0, 0);

    private static int Rank(ReadOnlySpan<string> fields, ReadOnlySpan<byte> body, PropertyName name)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (name.Is(body, fields[i]))
                return i;
        }
        return -1;
    }

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
