using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Beacon.MockServer.Store;

/// <summary>
/// Writes the variable parts of a stored capture into one buffer: lengths as varints, text as UTF-8, bytes as they are.
/// One buffer is one object for the garbage collector, however many strings and lists the capture holds.
/// </summary>
internal ref struct BlobWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public int Written { get; private set; }

    public void Varint(ulong value)
    {
        var span = _output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        Advance(n);
    }

    /// <summary>A length-prefixed UTF-8 string; null is written as length 0 with a flag a reader tells apart.</summary>
    public void String(string? text)
    {
        if (text is null)
        {
            Varint(0);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(text);
        Varint((ulong)length + 1);
        Encoding.UTF8.GetBytes(text, _output.GetSpan(length));
        Advance(length);
    }

    /// <summary>Length-prefixed bytes; null apart from empty, as for strings.</summary>
    public void Bytes(ReadOnlySpan<byte> bytes, bool present = true)
    {
        if (!present)
        {
            Varint(0);
            return;
        }
        Varint((ulong)bytes.Length + 1);
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Bytes already in the blob's own layout (a section copied from an older blob).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        Written += count;
    }

    /// <summary>How many bytes <see cref="String"/> writes for <paramref name="text"/>.</summary>
    public static int SizeOf(string? text) => text is null ? 1 : SizeOfLength(Encoding.UTF8.GetByteCount(text) + 1) + Encoding.UTF8.GetByteCount(text);

    /// <summary>How many bytes <see cref="Bytes"/> writes for <paramref name="length"/> bytes.</summary>
    public static int SizeOf(int length) => SizeOfLength(length + 1) + length;

    public static int SizeOfLength(long value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }
        return n;
    }
}

/// <summary>Reads what <see cref="BlobWriter"/> wrote, in the same order.</summary>
internal ref struct BlobReader(ReadOnlyMemory<byte> blob)
{
    private readonly ReadOnlyMemory<byte> _blob = blob;

    public int Position { get; private set; }

    public ulong Varint()
    {
        var span = _blob.Span;
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[Position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }

    public string? String()
    {
        var length = (int)Varint();
        if (length == 0)
            return null;
        var text = Encoding.UTF8.GetString(_blob.Span.Slice(Position, length - 1));
        Position += length - 1;
        return text;
    }

    /// <summary>The bytes as a slice of the blob, not a copy; null when written absent.</summary>
    public ReadOnlyMemory<byte>? Bytes()
    {
        var length = (int)Varint();
        if (length == 0)
            return null;
        var bytes = _blob.Slice(Position, length - 1);
        Position += length - 1;
        return bytes;
    }

    public double Double()
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_blob.Span.Slice(Position, 8));
        Position += 8;
        return value;
    }

    public void Skip(int count) => Position += count;
}
