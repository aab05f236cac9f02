namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// Goes through a stored export's protobuf for what the views filter on (a span's name and ids, a metric's name, a
/// record's severity and ids, the resource's service.name), without building anything: the views count every match
/// over a full store this way, and decode only the exports whose items they list. Field numbers are OTLP's.
/// </summary>
internal ref struct ProtoFields(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _message = message;
    private int _position;

    public int Field { get; private set; }

    /// <summary>The current field's bytes, for a length-delimited one (a message, a string, bytes).</summary>
    public ReadOnlySpan<byte> Bytes { get; private set; }

    /// <summary>The current field's value, for a varint or a fixed-width one.</summary>
    public ulong Number { get; private set; }

    /// <summary>Moves to the next field; false at the end (or where the bytes do not hold together, which the decoder would have refused).</summary>
    public bool Next()
    {
        if (_position >= _message.Length || !Varint(out var tag))
            return false;
        Field = (int)(tag >> 3);
        switch (tag & 7)
        {
            case 0:
                if (!Varint(out var value))
                    return false;
                Number = value;
                Bytes = default;
                return true;
            case 1:
                if (_message.Length - _position < 8)
                    return false;
                Number = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_message[_position..]);
                Bytes = default;
                _position += 8;
                return true;
            case 5:
                if (_message.Length - _position < 4)
                    return false;
                Number = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_message[_position..]);
                Bytes = default;
                _position += 4;
                return true;
            case 2:
                if (!Varint(out var length) || length > (ulong)(_message.Length - _position))
                    return false;
                Number = 0;
                Bytes = _message.Slice(_position, (int)length);
                _position += (int)length;
                return true;
            default:
                return false;
        }
    }

    private bool Varint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && _position < _message.Length; shift += 7)
        {
            var b = _message[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }

    /// <summary>The resource's <c>service.name</c> when it is a string (the last one, as the views read a repeated key); empty when there is none.</summary>
    public static ReadOnlySpan<byte> Service(ReadOnlySpan<byte> resource, out bool found)
    {
        found = false;
        ReadOnlySpan<byte> service = default;
        var fields = new ProtoFields(resource);
        while (fields.Next())
        {
            if (fields.Field != 1)
                continue;
            var pair = new ProtoFields(fields.Bytes);
            ReadOnlySpan<byte> key = default, value = default;
            var isString = false;
            while (pair.Next())
            {
                if (pair.Field == 1)
                    key = pair.Bytes;
                else if (pair.Field == 2)
                {
                    var any = new ProtoFields(pair.Bytes);
                    isString = false;
                    value = default;
                    while (any.Next())
                    {
                        isString = any.Field == 1;
                        value = isString ? any.Bytes : default;
                    }
                }
            }
            if (key.SequenceEqual("service.name"u8))
            {
                found = isString;
                service = isString ? value : default;
            }
        }
        return service;
    }
}
