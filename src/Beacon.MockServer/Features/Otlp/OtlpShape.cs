using Beacon.MockServer.Http;
using Google.Protobuf.Reflection;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// How much an export holds, measured on its bytes before anything is decoded: its items (spans, data points, log
/// records), its messages in all, its text and the numbers of its lists. A body a few kilobytes long can hold half a
/// million empty spans; this is how the receiver knows before it builds them, and refuses what would not fit.
/// </summary>
/// <param name="ListScalars">
/// The numbers of its lists. OTLP's only lists of numbers are a histogram's buckets (bucket_counts, explicit_bounds,
/// an exponential histogram's positive and negative bucket_counts), so this is how many buckets it holds; in JSON it
/// also counts numbers in arrays OTLP does not have, which are not decoded.
/// </param>
/// <param name="ListSlots">
/// The slots the decoded lists of numbers take: one a number where a list is built at its size (from protobuf), up to
/// two where it grows as it is read (from JSON: a list doubles its room when full).
/// </param>
internal readonly record struct OtlpShape(long Items, long Messages, long TextBytes, long ListScalars, long ListSlots)
{
    /// <summary>What one decoded message costs on the heap, on average (an object, its fields, its list slots).</summary>
    internal const int BytesPerMessage = 160;

    /// <summary>How deep an export may nest; AnyValue arrays and lists take two or three levels each.</summary>
    public const int MaxDepth = OtlpJson.MaxDepth;

    /// <summary>What one slot of a list of numbers costs once decoded: a 64-bit value.</summary>
    internal const int BytesPerListSlot = 8;

    /// <summary>An estimate of the heap the decoded export takes: its messages, its text as .NET strings, its lists' numbers.</summary>
    public long DecodedBytes => Messages * BytesPerMessage + 2 * TextBytes + BytesPerListSlot * ListSlots;

    /// <summary>The items of the JSON arrays that hold them.</summary>
    public static readonly string[] ItemArrays = ["spans", "dataPoints", "logRecords"];

    public static OtlpShape Of(JsonBodyCheck check) => new(check.Items, check.Objects, check.StringBytes, check.ArrayScalars, 2 * check.ArrayScalars);

    /// <summary>Walks protobuf by the signal's descriptors; null when the bytes do not hold together (the parser then says why).</summary>
    public static OtlpShape? OfProtobuf(ReadOnlySpan<byte> body, OtlpSignal signal)
    {
        var shape = new Counter();
        return Walk(body, signal.Descriptor, 1, shape) ? new OtlpShape(shape.Items, shape.Messages, shape.TextBytes, shape.ListScalars, shape.ListScalars) : null;
    }

    private sealed class Counter
    {
        public long Items;
        public long Messages;
        public long TextBytes;
        public long ListScalars;
    }

    private static readonly HashSet<string> ItemMessages =
    [
        Wire.Span.Descriptor.FullName, Wire.LogRecord.Descriptor.FullName, Wire.NumberDataPoint.Descriptor.FullName,
        Wire.HistogramDataPoint.Descriptor.FullName, Wire.ExponentialHistogramDataPoint.Descriptor.FullName, Wire.SummaryDataPoint.Descriptor.FullName,
    ];

    private static bool Walk(ReadOnlySpan<byte> data, MessageDescriptor type, int depth, Counter shape)
    {
        shape.Messages++;
        if (ItemMessages.Contains(type.FullName))
            shape.Items++;
        var position = 0;
        while (position < data.Length)
        {
            if (!Varint(data, ref position, out var tag))
                return false;
            var field = type.FindFieldByNumber((int)(tag >> 3));
            switch (tag & 7)
            {
                case 0:
                    if (!Varint(data, ref position, out _))
                        return false;
                    shape.ListScalars += field?.IsRepeated == true ? 1 : 0;
                    break;
                case 1:
                    position += 8;
                    shape.ListScalars += field?.IsRepeated == true ? 1 : 0;
                    break;
                case 5:
                    position += 4;
                    shape.ListScalars += field?.IsRepeated == true ? 1 : 0;
                    break;
                case 2:
                    if (!Varint(data, ref position, out var length) || length > (ulong)(data.Length - position))
                        return false;
                    var inner = data.Slice(position, (int)length);
                    position += (int)length;
                    if (field?.FieldType == FieldType.Message)
                    {
                        if (depth >= MaxDepth || !Walk(inner, field.MessageType, depth + 1, shape))
                            return false;
                    }
                    else if (field is { IsRepeated: true } && field.FieldType is not (FieldType.String or FieldType.Bytes))
                    {
                        shape.ListScalars += PackedCount(inner, field.FieldType);
                    }
                    else
                    {
                        // Ids are bytes that become hex text: twice as long.
                        shape.TextBytes += field?.FieldType == FieldType.Bytes ? 2 * inner.Length : inner.Length;
                    }
                    break;
                default:
                    return false;
            }
        }
        return position == data.Length;
    }

    /// <summary>How many numbers a packed list holds: its bytes over the width, or its varints' last bytes.</summary>
    private static long PackedCount(ReadOnlySpan<byte> packed, FieldType type) => type switch
    {
        FieldType.Fixed64 or FieldType.SFixed64 or FieldType.Double => packed.Length / 8,
        FieldType.Fixed32 or FieldType.SFixed32 or FieldType.Float => packed.Length / 4,
        _ => VarintCount(packed),
    };

    /// <summary>A varint ends at each byte without its high bit.</summary>
    private static long VarintCount(ReadOnlySpan<byte> packed)
    {
        var count = 0L;
        foreach (var b in packed)
            count += b < 0x80 ? 1 : 0;
        return count;
    }

    private static bool Varint(ReadOnlySpan<byte> data, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }
}
