using System.Buffers;
using System.Text.Json;

namespace Beacon.MockServer.Store;

/// <summary>
/// Walks JSON text value by value for an <see cref="IPayloadVisitor"/>: each object, array, string, number, boolean
/// and null in document order, with its path. Reads the text in place: no document, no string per value.
/// </summary>
internal static class JsonPayloadWalk
{
    /// <summary>Deeper than any JSON a capture keeps (the OTLP JSON written for an export nests up to 2,000 levels).</summary>
    private const int MaxDepth = 4096;

    /// <summary>Walks <paramref name="utf8"/>; text that is not JSON is walked as far as it is.</summary>
    public static void Walk(ReadOnlySpan<byte> utf8, IPayloadVisitor visitor)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        using var path = new PayloadPath();
        var text = ArrayPool<char>.Shared.Rent(256);
        var name = ArrayPool<char>.Shared.Rent(64);
        var nameLength = 0;
        // For each open container: -1 for an object, else the index its next item takes.
        var next = ArrayPool<int>.Shared.Rent(64);
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        nameLength = Copy(ref reader, ref name);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var array = reader.TokenType == JsonTokenType.StartArray;
                        Enter(path, next, depth, name.AsSpan(0, nameLength), out var member);
                        path.Visit(visitor, member, array ? PayloadValueType.Array : PayloadValueType.Object);
                        if (depth == next.Length)
                            Grow(ref next);
                        next[depth++] = array ? 0 : -1;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (--depth > 0)
                            path.Pop();
                        break;
                    default:
                        Enter(path, next, depth, name.AsSpan(0, nameLength), out member);
                        var (type, length) = reader.TokenType switch
                        {
                            JsonTokenType.String => (PayloadValueType.String, Copy(ref reader, ref text)),
                            JsonTokenType.Number => (PayloadValueType.Number, Copy(ref reader, ref text)),
                            JsonTokenType.True or JsonTokenType.False => (PayloadValueType.Boolean, 0),
                            _ => (PayloadValueType.Null, 0),
                        };
                        path.Visit(visitor, member, type, text.AsSpan(0, length));
                        if (depth > 0)
                            path.Pop();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON past this point: what was walked stands.
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
            ArrayPool<char>.Shared.Return(name);
            ArrayPool<int>.Shared.Return(next);
        }
    }

    /// <summary>Steps into the value about to be read: a member, an array's next item, or nothing at the root.</summary>
    private static void Enter(PayloadPath path, int[] next, int depth, ReadOnlySpan<char> name, out ReadOnlySpan<char> member)
    {
        member = default;
        if (depth == 0)
            return;
        if (next[depth - 1] < 0)
        {
            path.Member(name);
            member = name;
        }
        else
        {
            path.Item(next[depth - 1]++);
        }
    }

    /// <summary>The token's text (a string unescaped, a number as written) into <paramref name="buffer"/>, grown to fit.</summary>
    private static int Copy(ref Utf8JsonReader reader, ref char[] buffer)
    {
        if (reader.ValueSpan.Length > buffer.Length)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        }
        return reader.TokenType == JsonTokenType.Number
            ? System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, buffer)
            : reader.CopyString(buffer);
    }

    private static void Grow(ref int[] stack)
    {
        var larger = ArrayPool<int>.Shared.Rent(stack.Length * 2);
        stack.AsSpan().CopyTo(larger);
        ArrayPool<int>.Shared.Return(stack);
        stack = larger;
    }
}
