namespace Beacon.MockServer.Store;

/// <summary>
/// Makes a capture fit the store's byte cap on its own, so that the store stays within its caps at all times,
/// even for one request larger than the cap. What is cut is said in a finding; the capture's metadata stays.
/// </summary>
internal static class CaptureLimits
{
    /// <summary>Longest header value, query or path an oversized capture keeps.</summary>
    private const int MaxMetadataChars = 256;

    /// <returns>The capture as the store keeps it, and its <see cref="Capture.RetainedBytes"/>.</returns>
    public static (Capture Record, long Size) Fit(Capture capture, long maxBytes, int maxTextBytes)
    {
        var size = capture.RetainedBytes;
        if (size <= maxBytes)
            return (capture, size);

        // First the payload: the start of its JSON, as text.
        var cut = capture with
        {
            Payload = capture.Payload is null ? null : TextPayload.Of(capture.Payload.ToUtf8().Span, maxTextBytes),
            Upstream = capture.Upstream is { Body: not null } upstream ? upstream with { Body = null } : capture.Upstream,
        };
        cut = cut.WithFindings([new Finding("$", $"The capture took about {size} bytes, more than Beacon:Store:MaxBytes ({maxBytes}) allows one capture: "
            + $"its payload holds the first {maxTextBytes} bytes of its JSON as text, and the upstream's answer was dropped.")]);
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
