namespace Beacon.MockServer.Store;

/// <summary>
/// Makes a capture fit the store's byte cap on its own, so that the store stays within its caps at all times,
/// even for one request larger than the cap. What is cut is said in a finding; the capture's metadata stays.
/// </summary>
internal static class CaptureLimits
{
    /// <summary>Longest header value, query or path an oversized capture keeps.</summary>
    private const int MaxMetadataChars = 256;

    /// <summary>Largest feature field an oversized capture keeps (a fault rule's id stays; a pass-through's answer goes).</summary>
    private const int MaxFieldBytes = 1024;

    /// <summary>The capture as the store keeps it: its compact form, within <paramref name="maxBytes"/>.</summary>
    public static StoredCapture Fit(Capture capture, long maxBytes, int maxTextBytes) => Fit(CaptureCodec.Encode(capture, capture.Sequence), capture, maxBytes, maxTextBytes);

    /// <summary>The stored capture when it fits; else <paramref name="capture"/> (what it holds) cut down until it does.</summary>
    public static StoredCapture Fit(StoredCapture stored, Capture capture, long maxBytes, int maxTextBytes)
    {
        var size = stored.Size;
        if (size <= maxBytes)
            return stored;

        // First the payload, the start of its JSON as text, and the features' large fields.
        var dropped = capture.Fields.Where(f => f.Value.Utf8.Length > MaxFieldBytes).Select(f => f.Key).ToList();
        var cut = capture with
        {
            Payload = capture.Payload is null ? null : TextPayload.Of(capture.Payload.ToUtf8().Span, maxTextBytes),
            Response = capture.Response is { } response ? response with { Body = null } : null,
            Fields = capture.Fields.Where(f => !dropped.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
        };
        var fields = dropped.Count == 0 ? "" : $", and its fields over {MaxFieldBytes} bytes were dropped ({string.Join(", ", dropped)})";
        cut = cut.WithFindings([new Finding("$", $"The capture took about {size} bytes, more than Beacon:Store:MaxBytes ({maxBytes}) allows one capture: "
            + $"its payload holds the first {maxTextBytes} bytes of its JSON as text, its response no body{fields}.")]);
        if (CaptureCodec.Encode(cut, capture.Sequence) is { } fits && fits.Size <= maxBytes)
            return fits;

        // Then everything that grows with the request, down to the metadata.
        var bare = cut with
        {
            Payload = null,
            Details = null,
            Response = cut.Response is { } kept ? kept with { Headers = kept.Headers.ToDictionary(h => h.Key, h => Cut(h.Value), StringComparer.OrdinalIgnoreCase) } : null,
            Findings = [new Finding("$", $"The capture took about {size} bytes, more than Beacon:Store:MaxBytes ({maxBytes}) allows one capture: "
                + "its payload, details and findings were dropped, and long header values, query and path cut.")],
            FindingsDropped = cut.FindingsDropped + cut.Findings.Count,
            Headers = cut.Headers.ToDictionary(h => h.Key, h => Cut(h.Value), StringComparer.OrdinalIgnoreCase),
            Query = cut.Query is null ? null : Cut(cut.Query),
            Path = Cut(cut.Path),
        };
        return CaptureCodec.Encode(bare, capture.Sequence);
    }

    private static string Cut(string text) => Ellipsis.Cut(text, MaxMetadataChars);
}
