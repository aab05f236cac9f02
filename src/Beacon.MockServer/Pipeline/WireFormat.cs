using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Capture;

/// <summary>
/// How a wire route understands its body at receipt, before the capture is stored, and how it answers a
/// body it cannot take. The Beacon endpoints read JSON and answer problem details; the OTLP endpoints
/// decode protobuf or JSON and answer <c>google.rpc.Status</c>.
/// </summary>
public abstract class WireFormat
{
    /// <summary>Reads the body, already decompressed. Never throws for bad input: it returns a failure.</summary>
    public abstract WireBody Read(HttpContext context, byte[] body, BeaconOptions options);

    /// <summary>The response for a body the route cannot take, in the route's own error shape.</summary>
    public abstract IResult Refuse(HttpContext context, BodyFailure failure);
}

/// <summary>What a <see cref="WireFormat"/> made of a body: what the capture records, and what the handler reads.</summary>
public sealed record WireBody
{
    public string? License { get; init; }

    /// <summary><c>json</c>, <c>protobuf</c>, or null when the body was neither.</summary>
    public string? Encoding { get; init; }

    public RawJson? Payload { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The decoded request, for the handler; its type belongs to the format.</summary>
    public object? Decoded { get; init; }

    public BodyFailure? Failure { get; init; }

    /// <summary>
    /// A body refused before it could be read (cut off, too large, corrupt, undecodable): the capture keeps
    /// the start of what arrived, as text or base64, and a finding says why and which.
    /// </summary>
    public static WireBody Unreadable(byte[] body, int maxTextBytes, BodyFailure failure, string? encoding = null)
    {
        var payload = WirePayloads.Opaque(body, maxTextBytes, out var base64);
        var held = payload is null ? "nothing" : base64 ? "its first bytes as base64" : "what arrived, as text";
        return new WireBody
        {
            Encoding = encoding,
            Payload = payload,
            Findings = [new Finding("$", $"{failure.Detail} The payload holds {held}.")],
            Failure = failure,
        };
    }
}

/// <summary>The Beacon JSON endpoints: one scan for well-formedness and the license, and problem details.</summary>
public sealed class JsonWireFormat : WireFormat
{
    public static readonly JsonWireFormat Instance = new();

    public override WireBody Read(HttpContext context, byte[] body, BeaconOptions options)
    {
        var scan = JsonBodyScan.Scan(body);
        return new WireBody
        {
            License = scan.License,
            Encoding = scan.IsJson ? "json" : null,
            Payload = scan.IsJson ? RawJson.FromValidated(body) : WirePayloads.Opaque(body, options.Store.MaxTextPayloadBytes, out _),
            Decoded = scan,
        };
    }

    public override IResult Refuse(HttpContext context, BodyFailure failure) => failure.ToProblem();
}

/// <summary>What a capture keeps of a body that could not be read as its route's format.</summary>
public static class WirePayloads
{
    /// <summary>
    /// The start of the body as a JSON string: its text when it is UTF-8, otherwise its base64 (then
    /// <paramref name="base64"/> is true). Cut to <paramref name="maxBytes"/> of the body, backing off to a
    /// character boundary so that it never splits a multi-byte character. Null for an empty body.
    /// </summary>
    public static RawJson? Opaque(byte[] body, int maxBytes, out bool base64)
    {
        base64 = false;
        if (body.Length == 0)
            return null;
        var cut = Math.Min(body.Length, maxBytes);
        while (cut > 0 && cut < body.Length && (body[cut] & 0xC0) == 0x80)
            cut--;
        if (System.Text.Unicode.Utf8.IsValid(body.AsSpan(0, cut)))
            return RawJson.FromText(System.Text.Encoding.UTF8.GetString(body, 0, cut));
        base64 = true;
        return RawJson.FromText(Convert.ToBase64String(body, 0, Math.Min(body.Length, maxBytes)));
    }
}
