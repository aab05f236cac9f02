using System.Text.Json;

namespace Beacon.MockServer.Http;

/// <summary>
/// One forward pass over a JSON body, before anything is deserialized: is it UTF-8 and well-formed JSON within
/// the depth allowed, which keys repeat within one object, and which string the root's license fields hold; and how
/// much it holds (objects, text, array elements that are not objects, items of the named arrays), for a receiver that
/// must know before it decodes.
/// Duplicates are read as common JSON parsers read them (the last one wins); the pass says where they are.
/// </summary>
internal readonly partial record struct JsonBodyCheck(
    string? Error, IReadOnlyList<string> Duplicates, string? License, long Objects, long StringBytes, long Items, long ArrayScalars, string? LicenseField = null)
{
    public bool IsJson => Error is null;

    /// <param name="licenseFields">Root properties that may hold the license, highest rank first; the last occurrence of a name wins (<see cref="LicenseField"/> says which held it).</param>
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
        long objects = 0, strings = 0, items = 0, scalars = 0;
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
                        scalars += frames.InArray ? 1 : 0;
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
                        scalars += frames.InArray ? 1 : 0;
                        frames.Value();
                        break;
                }
            }
            return new(null, duplicates ?? [], license, objects, strings, items, scalars, license is null ? null : licenseFields[licenseRank]);
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

    private static JsonBodyCheck Failed(string error) => new(error, [], null, 0, 0, 0, 0);

    private static int Rank(ReadOnlySpan<string> fields, ReadOnlySpan<byte> body, PropertyName name)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (name.Is(body, fields[i]))
                return i;
        }
        return -1;
    }
}
