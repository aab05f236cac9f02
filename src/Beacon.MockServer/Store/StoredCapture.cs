namespace Beacon.MockServer.Store;

/// <summary>What every form of a capture says of itself that filters and waits read: no more than a few fields.</summary>
internal interface ICaptureKey
{
    long Sequence { get; }

    string Kind { get; }

    string? License { get; }

    string? Namespace { get; }

    int? Status { get; }
}

/// <summary>
/// A capture as the store keeps it: the few fields filters and waits read, and everything else in one buffer
/// (<see cref="Blob"/>): path, query, headers, the payload's stored bytes, findings, details, feature fields and the
/// answer. A handful of objects for the garbage collector, however much the capture says: the record, its buffer, and
/// the license and namespace strings, which captures share. <see cref="CaptureCodec"/> writes and reads it.
/// </summary>
internal sealed class StoredCapture : ICaptureKey
{
    /// <summary>What the record itself takes on the heap, beside its buffer: header, fields, references.</summary>
    internal const int RecordBytes = 136;

    /// <summary>Assigned by the store as it appends the capture, under its lock.</summary>
    public required long Sequence { get; set; }

    public required string Kind { get; init; }

    public required long ReceivedAtTicks { get; init; }

    public required short ReceivedAtOffsetMinutes { get; init; }

    public required string Method { get; init; }

    public string? License { get; init; }

    public string? Namespace { get; init; }

    /// <summary>The status, or -1 while the answer is still being produced.</summary>
    public int StatusCode { get; init; } = -1;

    public int? Status => StatusCode < 0 ? null : StatusCode;

    public long BodyBytes { get; init; }

    /// <summary>The decompressed length, or -1 when the body could not be read or decompressed.</summary>
    public long DecodedBytes { get; init; } = -1;

    public string? Encoding { get; init; }

    public string? Compression { get; init; }

    public long FindingsDropped { get; init; }

    /// <summary>What reads the payload's bytes back; null when there is no payload.</summary>
    public PayloadReader? PayloadReader { get; init; }

    /// <summary>What reads the answer's body back; null when the answer had none (or there is no answer yet).</summary>
    public PayloadReader? AnswerReader { get; init; }

    /// <summary>Path, query, headers, payload, then the parts that change as the request is answered (findings, details, fields, answer).</summary>
    public required byte[] Blob { get; init; }

    /// <summary>Where the payload's bytes are in <see cref="Blob"/>.</summary>
    public int PayloadStart { get; init; }

    public int PayloadLength { get; init; }

    /// <summary>Where the parts that change begin in <see cref="Blob"/>: everything before stays as it was received.</summary>
    public required int TailStart { get; init; }

    /// <summary>The path, read from the buffer (it is the buffer's first part).</summary>
    public string Path => new BlobReader(Blob).String()!;

    /// <summary>The payload's stored bytes: for an OTLP export its one canonical encoding; empty when there is none.</summary>
    public ReadOnlyMemory<byte> PayloadBytes => Blob.AsMemory(PayloadStart, PayloadLength);

    /// <summary>The bytes the store counts for this capture: the record, its buffer, and its strings when no other capture shares them.</summary>
    public long Size => RecordBytes + 24 + Blob.Length + Interned.Cost(License) + Interned.Cost(Namespace);
}

/// <summary>
/// Strings many captures hold the same (a license, a namespace): each kept once while the table has room, so that
/// a store of ten thousand captures with one license holds one string, not ten thousand.
/// </summary>
internal static class Interned
{
    private const int MaxStrings = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Table = new(StringComparer.Ordinal);

    public static string? Of(string? text)
    {
        if (text is null)
            return null;
        if (Table.TryGetValue(text, out var kept))
            return kept;
        return Table.Count < MaxStrings ? Table.GetOrAdd(text, text) : text;
    }

    /// <summary>What a string costs one capture: nothing when it is shared, else its object.</summary>
    public static long Cost(string? text) => text is null || Table.TryGetValue(text, out var kept) && ReferenceEquals(kept, text) ? 0 : 22 + 2L * text.Length;
}
