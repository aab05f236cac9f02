using System.Text;
using System.Text.Json.Nodes;
using static Beacon.MockServer.Tests.Infrastructure.Otlp;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>A request the corpus sends: a name for the failure message, and what goes on the wire.</summary>
public sealed record BadRequest(string Name, byte[] Body, string? ContentType, string? ContentEncoding = null);

/// <summary>
/// Bodies that no route can take, and mutations of a valid JSON body at every one of its fields. Built from
/// the documented samples, so every route gets the same kinds of damage.
/// </summary>
internal static class BadInput
{
    public const string Json = "application/json";

    /// <summary>Bodies every JSON route must refuse with a 4xx, whatever the valid <paramref name="sample"/> is.</summary>
    public static IEnumerable<BadRequest> Broken(string sample, int maxBodyBytes)
    {
        var valid = Encoding.UTF8.GetBytes(sample.TrimEnd()); // So that every cut loses more than whitespace.
        yield return new("empty body", [], Json);
        yield return new("empty body, no Content-Type", [], null);
        yield return new("whitespace only", "  \n\t "u8.ToArray(), Json);
        foreach (var malformed in Malformed)
            yield return new($"malformed: {malformed}", Encoding.UTF8.GetBytes(malformed), Json);
        foreach (var cut in new[] { 1, valid.Length / 3, valid.Length / 2, valid.Length - 1 })
            yield return new($"truncated to {cut} bytes", valid[..cut], Json);
        foreach (var root in new[] { "[]", "[{}]", "\"text\"", "42", "true", "null" })
            yield return new($"root is {root}", Encoding.UTF8.GetBytes(root), Json);
        yield return new("nested 10,000 deep", Nest(sample, 10_000), Json);
        yield return new("invalid UTF-8 in the first string", CorruptFirstString(valid), Json);
        yield return new("a UTF-8 byte order mark, then garbage", [0xEF, 0xBB, 0xBF, 0xFF, 0xFE, .. valid], Json);
        yield return new("random bytes", Random(1, 512), Json);
        yield return new("random bytes, no Content-Type", Random(2, 512), null);
        foreach (var contentType in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json-seq", "image/png" })
            yield return new($"Content-Type {contentType}", valid, contentType);
        yield return new("Content-Type that does not parse", valid, "json; ;=;");
        foreach (var coding in new[] { "br", "compress", "zstd", "identity, br", "gzip, gzip" })
            yield return new($"Content-Encoding {coding}", valid, Json, coding);
        yield return new("gzip claimed, plain body", valid, Json, "gzip");
        yield return new("deflate claimed, random body", Random(3, 256), Json, "deflate");
        yield return new("gzip cut short", Gzip(valid)[..^10], Json, "gzip");
        yield return new("gzip with a corrupt middle", CorruptMiddle(Gzip(valid)), Json, "gzip");
        yield return new("gzip header only", Gzip(valid)[..10], Json, "gzip");
        yield return new($"over {maxBodyBytes} bytes as sent", Padded(sample, maxBodyBytes + 1), Json);
        yield return new($"over {maxBodyBytes} bytes once decompressed", Gzip(Padded(sample, maxBodyBytes * 4)), Json, "gzip");
    }

    /// <summary>
    /// The valid <paramref name="sample"/> changed at one field at a time: every field's value replaced by
    /// each other JSON type, by null and by out-of-range numbers, and every field left out.
    /// </summary>
    public static IEnumerable<BadRequest> FieldMutations(string sample)
    {
        var fields = Fields(JsonNode.Parse(sample)!, "$").Count;
        for (var i = 0; i < fields; i++)
        {
            foreach (var (name, value) in Replacements)
                yield return Mutated(sample, i, name, field => field.Set(value()));
            yield return Mutated(sample, i, "left out", field => field.Remove());
            // Huge numbers as raw text: JsonNode cannot hold a number past double's range.
            foreach (var huge in new[] { "1e400", "-1e400", "123456789012345678901234567890", "-0", "1.5e-400", "0.1e999999" })
            {
                var request = Mutated(sample, i, huge, field => field.Set(JsonValue.Create("@@HUGE@@")));
                yield return request with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.Body).Replace("\"@@HUGE@@\"", huge, StringComparison.Ordinal)) };
            }
        }
    }

    /// <summary>The sample, parsed afresh, with its field number <paramref name="index"/> changed.</summary>
    private static BadRequest Mutated(string sample, int index, string what, Action<Field> change)
    {
        var root = JsonNode.Parse(sample)!;
        var field = Fields(root, "$")[index];
        change(field);
        var name = what == "left out" ? $"{field.Path} left out" : $"{field.Path} = {what}";
        return new(name, Encoding.UTF8.GetBytes(root.ToJsonString()), Json);
    }

    public static readonly string[] Malformed =
    [
        """{"a": }""",
        """{'a': 'b'}""",
        """{"a": 1,}""",
        """{"a": 1} {"a": 1}""",
        """{a: 1}""",
        "{\"a\": 1 // comment\n}",
        """{"a": NaN}""",
        """{"a": "unterminated}""",
        """{"a": "\x"}""",
        "not json at all",
        "}{",
    ];

    private static readonly (string Name, Func<JsonNode?> Value)[] Replacements =
    [
        ("null", () => null),
        ("a string", () => JsonValue.Create("not the right type")),
        ("an empty string", () => JsonValue.Create("")),
        ("a number", () => JsonValue.Create(-1)),
        ("a fraction", () => JsonValue.Create(0.5)),
        ("the largest long", () => JsonValue.Create(long.MaxValue)),
        ("true", () => JsonValue.Create(true)),
        ("an empty object", () => new JsonObject()),
        ("an object", () => new JsonObject { ["unexpected"] = 1 }),
        ("an empty array", () => new JsonArray()),
        ("an array of strings", () => new JsonArray("x", "y")),
        ("a lone surrogate", () => JsonValue.Create("\ud800")),
        ("a 64 KiB string", () => JsonValue.Create(new string('x', 64 * 1024))),
    ];

    /// <summary>Every property and array element below <paramref name="node"/>, depth first, with its JSON path.</summary>
    private static List<Field> Fields(JsonNode node, string path)
    {
        var fields = new List<Field>();
        var children = node switch
        {
            JsonObject o => o.Select(p => (Path: $"{path}.{p.Key}", Key: (object)p.Key, p.Value)),
            JsonArray a => a.Select((v, i) => (Path: $"{path}[{i}]", Key: (object)i, Value: v)),
            _ => [],
        };
        foreach (var (childPath, key, value) in children.ToList())
        {
            fields.Add(new Field(childPath, node, key));
            if (value is not null)
                fields.AddRange(Fields(value, childPath));
        }
        return fields;
    }

    /// <summary>A property (its key a string) or array element (its key an index) of <paramref name="Parent"/>.</summary>
    private sealed record Field(string Path, JsonNode Parent, object Key)
    {
        public void Set(JsonNode? value)
        {
            if (Key is string name)
                Parent[name] = value;
            else
                Parent[(int)Key] = value;
        }

        public void Remove()
        {
            if (Key is string name)
                Parent.AsObject().Remove(name);
            else
                Parent.AsArray().RemoveAt((int)Key);
        }
    }

    /// <summary>The sample with a first property "deep" whose value nests <paramref name="depth"/> arrays.</summary>
    private static byte[] Nest(string sample, int depth) =>
        Encoding.UTF8.GetBytes($"{{\"deep\":{new string('[', depth)}{new string(']', depth)},{sample[(sample.IndexOf('{', StringComparison.Ordinal) + 1)..]}");

    /// <summary>The sample with two bytes that are never UTF-8 inside its first string.</summary>
    private static byte[] CorruptFirstString(byte[] valid)
    {
        var body = (byte[])valid.Clone();
        var quote = Array.IndexOf(body, (byte)'"');
        var close = Array.IndexOf(body, (byte)'"', quote + 1);
        byte[] bad = [0xFF, 0xC3];
        return [.. body[..(quote + 1)], .. bad, .. body[(quote + 1)..close], .. body[close..]];
    }

    private static byte[] CorruptMiddle(byte[] gzip)
    {
        var body = (byte[])gzip.Clone();
        for (var i = body.Length / 2; i < Math.Min(body.Length - 8, body.Length / 2 + 8); i++)
            body[i] ^= 0x5A;
        return body;
    }

    /// <summary>The sample with a padding property that makes it <paramref name="size"/> bytes.</summary>
    public static byte[] Padded(string sample, int size)
    {
        var open = sample.IndexOf('{', StringComparison.Ordinal);
        var prefix = "{\"padding\":\"";
        var suffix = "\"," + sample[(open + 1)..];
        return Encoding.UTF8.GetBytes(prefix + new string('x', Math.Max(0, size - prefix.Length - Encoding.UTF8.GetByteCount(suffix))) + suffix);
    }

    public static byte[] Random(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
