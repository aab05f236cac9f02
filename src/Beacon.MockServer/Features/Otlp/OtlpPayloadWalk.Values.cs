using System.Buffers;
using System.Globalization;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Otlp;

// What every signal's walk shares: resources, scopes, attributes, AnyValues, and the steps in and out of the path.
internal sealed partial class OtlpPayloadWalk
{
    private void Resource(Resource? resource)
    {
        if (resource is null)
            return;
        Member("resource", PayloadValueType.Object);
        Attributes("attributes", resource.Attributes, PayloadRole.ResourceAttributeKey);
        path.Pop();
    }

    private void Scope(InstrumentationScope? scope)
    {
        if (scope is null)
            return;
        Member("scope", PayloadValueType.Object);
        Text("name", scope.Name, role: PayloadRole.ScopeName);
        Text("version", scope.Version);
        Attributes("attributes", scope.Attributes);
        path.Pop();
    }

    /// <param name="keys">What each key is: an attribute's (of a resource, or of anything else), or none (a list inside an attribute's value).</param>
    private void Attributes(string name, List<KeyValue> pairs, PayloadRole keys = PayloadRole.AttributeKey)
    {
        for (var i = Open(name, pairs.Count); i < pairs.Count; i++)
        {
            var pair = Item(i, pairs[i]);
            Text("key", pair.Key, always: true, keys);
            if (pair.Value is { } value)
                Value("value", value);
            path.Pop();
        }
        Close(pairs.Count);
    }

    /// <summary>An AnyValue member.</summary>
    private void Value(string name, AnyValue value)
    {
        Member(name, PayloadValueType.Object);
        OneOf(value);
        path.Pop();
    }

    /// <summary>What an AnyValue holds, a oneof: its one member is written even when empty, as OTLP JSON writes it.</summary>
    private void OneOf(AnyValue value)
    {
        Span<char> digits = stackalloc char[32];
        if (value.StringValue is { } text)
        {
            Text("stringValue", text, always: true);
        }
        else if (value.BoolValue is not null)
        {
            Leaf("boolValue", PayloadValueType.Boolean, default);
        }
        else if (value.IntValue is { } integer)
        {
            // A 64-bit integer is a string in OTLP JSON.
            integer.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
            Leaf("intValue", PayloadValueType.String, digits[..written]);
        }
        else if (value.DoubleValue is { } real)
        {
            real.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture);
            Leaf("doubleValue", PayloadValueType.Number, digits[..written]);
        }
        else if (value.ArrayValue is { } array)
        {
            Member("arrayValue", PayloadValueType.Object);
            for (var i = Open("values", array.Values.Count); i < array.Values.Count; i++)
            {
                OneOf(Item(i, array.Values[i]));
                path.Pop();
            }
            Close(array.Values.Count);
            path.Pop();
        }
        else if (value.KvlistValue is { } list)
        {
            Member("kvlistValue", PayloadValueType.Object);
            Attributes("values", list.Values, PayloadRole.None);
            path.Pop();
        }
        else if (value.BytesValue is { } bytes)
        {
            var buffer = ArrayPool<char>.Shared.Rent(Math.Max(4, (bytes.Length + 2) / 3 * 4));
            Convert.TryToBase64Chars(bytes, buffer, out var written);
            Leaf("bytesValue", PayloadValueType.String, buffer.AsSpan(0, written));
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>A string member, left out when empty as OTLP JSON leaves out a default (unless it must be written).</summary>
    private void Text(string name, string value, bool always = false, PayloadRole role = PayloadRole.None)
    {
        if (value.Length > 0 || always)
            Leaf(name, PayloadValueType.String, value, role);
    }

    private void Leaf(string name, PayloadValueType type, ReadOnlySpan<char> text, PayloadRole role = PayloadRole.None)
    {
        Member(name, type, text, role);
        path.Pop();
    }

    /// <summary>Steps into a member and visits it; the caller pops.</summary>
    private void Member(string name, PayloadValueType type, ReadOnlySpan<char> text = default, PayloadRole role = PayloadRole.None)
    {
        path.Member(name);
        Visit(name, type, text, role);
    }

    /// <summary>Steps into a list member when it has items (OTLP JSON leaves an empty one out); answers where to start.</summary>
    private int Open(string name, int count)
    {
        if (count > 0)
            Member(name, PayloadValueType.Array);
        return 0;
    }

    private void Close(int count)
    {
        if (count > 0)
            path.Pop();
    }

    /// <summary>Steps into an item that is an object and visits it; the caller pops.</summary>
    private T Item<T>(int index, T item, PayloadRole role = PayloadRole.None)
    {
        path.Item(index);
        Visit(default, PayloadValueType.Object, default, role);
        return item;
    }

    /// <summary>Hands the visitor the value the walk is on, unless it is a container the visitor has no use for.</summary>
    private void Visit(ReadOnlySpan<char> name, PayloadValueType type, ReadOnlySpan<char> text, PayloadRole role)
    {
        if (_containers || role != PayloadRole.None || type is not (PayloadValueType.Object or PayloadValueType.Array))
            path.Visit(visitor, name, type, text, role);
    }
}
