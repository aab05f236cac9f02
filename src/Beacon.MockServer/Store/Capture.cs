using System.Text.Json.Serialization;

namespace Beacon.MockServer.Store;

/// <summary>One request received on a wire route, as recorded. Immutable: the store swaps whole records.</summary>
internal sealed record Capture : ICaptureKey
{
    /// <summary>Most findings a capture keeps; the rest are counted in <see cref="FindingsDropped"/>.</summary>
    public const int MaxFindings = 100;

    /// <summary>Global, increasing, never reused; assigned by the store.</summary>
    public long Sequence { get; init; }

    /// <summary>What the request was: the kind its route is captured as (verify, traces...).</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Method { get; init; }

    /// <summary>The path as routed, without the <c>/ns/{namespace}</c> prefix when there was one.</summary>
    public required string Path { get; init; }

    /// <summary>The namespace from a <c>/ns/{namespace}/...</c> path; null for the unprefixed routes.</summary>
    public string? Namespace { get; init; }

    /// <summary>The query string with its leading '?', or null when there is none.</summary>
    public string? Query { get; init; }

    /// <summary>The request headers a capture keeps, when they were present.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The license or API key the request carried, where its route reads it (a body field or a header).</summary>
    public string? License { get; init; }

    /// <summary>The body's length as received on the wire.</summary>
    public long BodyBytes { get; init; }

    /// <summary>How the body was encoded: <c>json</c> or <c>protobuf</c>; null when it was neither.</summary>
    public string? Encoding { get; init; }

    /// <summary>The Content-Encoding the body arrived in (<c>gzip</c>, <c>deflate</c>); null when uncompressed.</summary>
    public string? Compression { get; init; }

    /// <summary>The body's length once decompressed; null when it could not be read or decompressed.</summary>
    public long? DecodedBytes { get; init; }

    /// <summary>The response status; null while the response is still being produced.</summary>
    public int? Status { get; init; }

    /// <summary>What is worth knowing about the request: at most 100 findings.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Findings past the first 100, counted but not kept.</summary>
    public long FindingsDropped { get; init; }

    /// <summary>What the capture keeps of the body: JSON as sent, the decoded export, or the start of a body that could not be read.</summary>
    [JsonIgnore]
    public CapturePayload? Payload { get; init; }

    /// <summary>The body as JSON, as its route reads it (the decoded export, for OTLP); null when it could not be read.</summary>
    [JsonPropertyName("payload")]
    public CapturePayload? JsonBody
    {
        get => Payload is TextPayload ? null : Payload;
        init => Payload = value ?? Payload;
    }

    /// <summary>
    /// The start of a body that could not be read as its route's format (cut to Beacon:Store:MaxTextPayloadBytes): its text
    /// when it is UTF-8, else its base64, as a finding says. Null when the body was read.
    /// </summary>
    [JsonPropertyName("payloadText")]
    public string? PayloadText
    {
        get => (Payload as TextPayload)?.Text;
        init => Payload = value is null ? Payload : TextPayload.FromText(value);
    }

    /// <summary>What the endpoint made of the request (inserted count, duplicate ids, refusal reason...).</summary>
    public RawJson? Details { get; init; }

    /// <summary>What the mock answered; null while the answer is still being produced.</summary>
    public CaptureResponse? Response { get; init; }

    /// <summary>
    /// What features add to a capture (a fault rule's id, a pass-through exchange), by field name, as JSON; written in
    /// the places their <see cref="CaptureField"/>s say, null where unset.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, RawJson> Fields { get; init; } = NoFields;

    private static readonly IReadOnlyDictionary<string, RawJson> NoFields = new Dictionary<string, RawJson>();

    /// <summary>The capture with a feature's field set (or replaced).</summary>
    public Capture WithField(string name, RawJson value) =>
        this with { Fields = new Dictionary<string, RawJson>(Fields, StringComparer.Ordinal) { [name] = value } };

    /// <summary>The capture with a feature's field set to <paramref name="value"/>, as its own JSON context writes it.</summary>
    public Capture WithField<T>(string name, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        WithField(name, RawJson.Serialize(value, typeInfo));

    /// <summary>The capture with <paramref name="more"/> findings added, keeping at most <see cref="MaxFindings"/> and counting the rest.</summary>
    public Capture WithFindings(IReadOnlyList<Finding> more)
    {
        if (more.Count == 0)
            return this;
        var room = Math.Max(0, MaxFindings - Findings.Count);
        return room >= more.Count
            ? this with { Findings = [.. Findings, .. more] }
            : this with { Findings = [.. Findings, .. more.Take(room)], FindingsDropped = FindingsDropped + more.Count - room };
    }

    /// <summary>The bytes this capture takes in the store (its compact form, <see cref="StoredCapture"/>), for the store's byte cap.</summary>
    [JsonIgnore]
    public long RetainedBytes => CaptureCodec.Encode(this, Sequence).Size;
}

/// <summary>Something worth knowing about a request: an unknown field, a duplicate key, a deviation from the docs.</summary>
/// <param name="Path">Where in the request, as a JSON path without the leading <c>$.</c> (or a header name).</param>
internal sealed record Finding(string Path, string Message)
{
    /// <summary>Longest path or message a finding keeps: a client controls both (a property name can be a megabyte).</summary>
    public const int MaxText = 1024;

    public string Path { get; } = Cut(Path);

    public string Message { get; } = Cut(Message);


    private static string Cut(string text) => Ellipsis.Cut(text, MaxText);
}
