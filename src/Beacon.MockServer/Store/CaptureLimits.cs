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

    /// <returns>The capture as the store keeps it, and its <see cref="Capture.RetainedBytes"/>.</returns>
    public static (Capture Record, long Size) Fit(Capture capture, long maxBytes, int maxTextBytes)
    {
        var size = capture.RetainedBytes;
        if (size <= maxBytes)
            return (capture, size);

        // First the payload, the start of its JSON as text, and the features' large fields.
        var dropped = capture.Fields.Where(f => f.Value.Utf8.Length > MaxFieldBytes).Select(f => f.Key).ToList();
        var cut = capture with
        {
            Payload = capture.Payload is null ? null : TextPayload.Of(capture.Payload.ToUtf8().Span, maxTextBytes),
            Fields = capture.Fields.Where(f => !dropped.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
        };
        var fields = dropped.Count == 0 ? "" : $", and its fields over {MaxFieldBytes} bytes were dropped ({string.Join(", ", dropped)})";
        cut = cut.WithFindings([new Finding("$", $"The capture took about {size} bytes, more than Beacon:Store:MaxBytes ({maxBytes}) allows one capture: "
            + $"its payload holds the first {maxTextBytes} bytes of its JSON as text{fields}.")]);
        if (cut.RetainedBytes is var cutSize && cutSize <= maxBytes)
            return (cut, cutSize);

        // Then everything that grows with the request, down to the metadata.
        var bare = cut with
        {
            Payload = null,
            Details = null,
            Findings = [new Finding("$", $"The capture took about {size} bytes, more than Beacon:Store:MaxBytes ({maxBytes}) allows one capture: "
                + "its payload, details and findings were dropped, and long header values, query and path cut.")],
            FindingsDropped = cut.FindingsDropped + cut.Findings.Count,
            Headers = cut.Headers.ToDictionary(h => h.Key, h => Cut(h.Value), StringComparer.OrdinalIgnoreCase),
            Query = cut.Query is null ? null : Cut(cut.Query),
            Path = Cut(cut.Path),
        };
        return (bare, bare.RetainedBytes);
    }

    private static string Cut(string text) => Ellipsis.Cut(text, MaxMetadataChars);
}
