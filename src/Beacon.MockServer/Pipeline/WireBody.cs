using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>What an <see cref="IWireFormat"/> made of a body: what the capture records, and what the handler reads.</summary>
internal sealed record WireBody
{
    /// <summary>The license the body carries, by its route's rule; null to fall back on the route's <see cref="WireCredential.Headers"/>.</summary>
    public string? License { get; init; }

    /// <summary><c>json</c>, <c>protobuf</c>, or null when the body was neither.</summary>
    public string? Encoding { get; init; }

    public CapturePayload? Payload { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The decoded request, for the handler, which binds it typed (<see cref="Wire{T}"/>); its type belongs to the format.</summary>
    public object? Decoded { get; init; }

    /// <summary>Why the route cannot take the body; it is still captured, with what arrived.</summary>
    public BodyFailure? Failure { get; init; }

    /// <summary>Where the license came from, when the body carried it: its field (<c>license_key</c>).</summary>
    public string? LicenseField { get; init; }

    /// <summary>Whether <see cref="Findings"/> already says why the body failed, so the refusal adds no finding of its own.</summary>
    public bool ExplainsFailure { get; init; }

    /// <summary>
    /// A body refused before it could be read (cut off, too large, corrupt, undecodable): the capture keeps the start
    /// of what arrived, as text or base64, and a finding says why and which.
    /// </summary>
    public static WireBody Unreadable(ReadOnlySpan<byte> body, int maxTextBytes, BodyFailure failure, string? encoding = null)
    {
        var payload = TextPayload.Of(body, maxTextBytes);
        var held = payload is null ? "nothing" : payload.IsBase64 ? "its first bytes as base64" : "what arrived, as text";
        return new WireBody
        {
            Encoding = encoding,
            Payload = payload,
            Findings = [new Finding("$", $"{failure.Detail} The payload holds {held}.")],
            Failure = failure,
            ExplainsFailure = true,
        };
    }
}
