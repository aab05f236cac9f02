using System.Text;
using System.Text.Json.Nodes;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// Seeded mutations of a valid body: JSON-structural (a value of another type, a field deleted, renamed or
/// duplicated, the body wrapped), then sometimes byte-level (bits flipped, cut short, bytes inserted or
/// removed, two bodies spliced, noise). Everything comes from one <see cref="Random"/>, so a seed replays.
/// </summary>
public sealed class Mutator(Random random)
{
    // A value the tree holds while it is written out, then swapped for raw text JSON nodes cannot hold
    // (a duplicate key, 1e400, a lone surrogate escape). Nothing in the samples looks like it.
    private const string Hole = "\"__mutation_hole__\"";
    private const string HoleKey = "__mutation_key__";

    /// <summary>Raw JSON values that sit at the edges of what a reader takes.</summary>
    private static readonly string[] Edges =
    [
        "null", "true", "false", "0", "-0", "-1", "1.5", "1e400", "-1e400", "1E-400", "99999999999999999999999",
        "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "0.1e1",
        "\"\"", "\" \"", "\"\\ud800\"", "\"a\\udc00b\"", "\"\\u0000\"", "\"\\uffff\"", "\"é😀\"", "\"\\\\\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
        "\"-1\"", "\"1e400\"", "\"18446744073709551616\"", "\"0x1F\"", "[]", "{}", "[null]", "{\"\":null}",
        "\"2025-01-06T10:00:00Z\"", "\"2025-13-45T99:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59+14:00\"",
        "\"2025-01-06\"", "\"af28dfea-5358-463d-a2dc-37df1da72498\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"ffffffffffffffffffffffffffffffff\"", "\"0000000000000000\"", "\"zz\"", "\"lcl_revoked\"", "\"lcl_expired\"",
    ];

    private static readonly string[] Renames = ["", " ", "License", "LICENSE", "licence", "\\ud800", "__proto__", "$ref", "a.b", "[0]"];

    public Random Random => random;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public bool Chance(int percent) => random.Next(100) < percent;

    /// <summary>The JSON text with one to three structural mutations, as UTF-8 (which a lone surrogate escape keeps valid).</summary>
    public byte[] Json(string json)
    {
        var text = json;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            try
            {
                text = MutateOnce(text);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
            {
                // An earlier step made a text JSON nodes cannot hold (too deep, a duplicate key, a lone
                // surrogate): it is what is sent, as it is.
                break;
            }
        }
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Either a structural mutation, a byte-level one, or both; now and then a valid body untouched.</summary>
    public byte[] Body(string json, IReadOnlyList<byte[]> others)
    {
        var roll = random.Next(10);
        if (roll == 0)
            return Encoding.UTF8.GetBytes(json);
        var body = roll < 6 ? Json(json) : Encoding.UTF8.GetBytes(json);
        return roll < 4 ? body : Bytes(body, others);
    }

    private string MutateOnce(string json)
    {
        var root = JsonNode.Parse(json);
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        if (root is null || slots.Count == 0 || random.Next(12) == 0)
            return random.Next(2) == 0 ? Value(depth: 0) : $"[{json}]";

        var (parent, key) = Pick(slots);
        switch (random.Next(7))
        {
            case 0 or 1:
                Replace(parent, key, JsonValue.Create("__mutation_hole__"));
                return Fill(root, Value(depth: 0));
            case 2:
                if (parent is JsonObject deleteFrom)
                    deleteFrom.Remove((string)key);
                else
                    ((JsonArray)parent).RemoveAt((int)key);
                return root.ToJsonString();
            case 3 when parent is JsonObject renameIn:
                var value = renameIn[(string)key]?.DeepClone();
                renameIn.Remove((string)key);
                renameIn[random.Next(2) == 0 ? Pick(Renames) : (string)key + Pick(Renames)] = value;
                return root.ToJsonString();
            case 4 when parent is JsonObject duplicateIn:
                // The same key twice: the second copy's value is another, so a reader that takes either one shows it.
                duplicateIn[HoleKey] = JsonValue.Create("__mutation_hole__");
                return Fill(root, Value(depth: 0)).Replace($"\"{HoleKey}\"", System.Text.Json.JsonSerializer.Serialize((string)key), StringComparison.Ordinal);
            case 5:
                Replace(parent, key, new JsonArray(Get(parent, key)?.DeepClone()));
                return root.ToJsonString();
            default:
                var target = parent is JsonObject ? parent.AsObject() : root as JsonObject;
                if (target is null)
                    return root.ToJsonString();
                target["extra_" + random.Next(100)] = JsonValue.Create("__mutation_hole__");
                return Fill(root, Value(depth: 0));
        }
    }

    private static string Fill(JsonNode root, string raw)
    {
        var text = root.ToJsonString();
        var at = text.IndexOf(Hole, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), raw, text.AsSpan(at + Hole.Length));
    }

    /// <summary>A raw JSON value: an edge, a long or escaped string, deep nesting, or a small random structure.</summary>
    public string Value(int depth)
    {
        switch (random.Next(10))
        {
            case < 5:
                return Pick(Edges);
            case 5:
                return $"\"{new string((char)random.Next('a', 'z' + 1), random.Next(256, 10_000))}\"";
            case 6:
                var nesting = random.Next(2, 200);
                return random.Next(2) == 0
                    ? new string('[', nesting) + new string(']', nesting)
                    : string.Concat(Enumerable.Repeat("{\"a\":", nesting)) + "1" + new string('}', nesting);
            case 7:
                return $"\"{string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => $"\\u{random.Next(0x10000):x4}"))}\"";
            case 8 when depth < 3:
                return $"[{string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(depth + 1)))}]";
            case 9 when depth < 3:
                return $"{{{string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(i => $"\"k{i}\":{Value(depth + 1)}"))}}}";
            default:
                return (random.NextDouble() * Math.Pow(10, random.Next(-5, 25)) * (random.Next(2) == 0 ? 1 : -1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A byte-level mutation of <paramref name="body"/>, which may be spliced with one of <paramref name="others"/>.</summary>
    public byte[] Bytes(byte[] body, IReadOnlyList<byte[]> others)
    {
        var bytes = (byte[])body.Clone();
        var at = bytes.Length == 0 ? 0 : random.Next(bytes.Length);
        switch (random.Next(9))
        {
            case 0:
                for (var flips = random.Next(1, 9); flips > 0 && bytes.Length > 0; flips--)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                return bytes[..at];
            case 2:
                return [.. bytes[..at], .. Noise(random.Next(1, 17)), .. bytes[at..]];
            case 3:
                return [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + random.Next(1, 33))..]];
            case 4:
                var other = Pick(others);
                return [.. bytes[..at], .. other[(other.Length == 0 ? 0 : random.Next(other.Length))..]];
            case 5:
                return Noise(random.Next(0, 513));
            case 6:
                // Bytes that are never UTF-8: a stray continuation, a lead without its tail, an overlong, an encoded surrogate.
                byte[][] invalid = [[0xFF], [0x80], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]];
                return [.. bytes[..at], .. Pick(invalid), .. bytes[at..]];
            case 7:
                return [.. bytes, .. bytes];
            default:
                random.NextBytes(bytes.AsSpan(at, Math.Min(bytes.Length - at, random.Next(1, 65))));
                return bytes;
        }
    }

    public byte[] Noise(int length)
    {
        var noise = new byte[length];
        random.NextBytes(noise);
        return noise;
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, object Key)> slots)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json)
                {
                    slots.Add((json, key));
                    Collect(value, slots);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, i));
                    Collect(array[i], slots);
                }
                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => parent is JsonObject json ? json[(string)key] : parent.AsArray()[(int)key];

    private static void Replace(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject json)
            json[(string)key] = value;
        else
            parent.AsArray()[(int)key] = value;
    }
}
