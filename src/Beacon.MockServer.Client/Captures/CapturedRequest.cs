using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Beacon.MockServer.Client;

/// <summary>
/// One request the mock received on a wire route, as <c>GET /mock/captures/{sequence}</c> answers it. The fields
/// every kind shares are here; <see cref="As{T}"/> reads the payload and details typed for one kind
/// (<see cref="VerifyCapture"/>, <see cref="IngestTracesCapture"/>, ...). A field the mock adds to every capture is an
/// init property here, and every typed capture reaches it through its <c>Capture</c>.
/// </summary>
public sealed record CapturedRequest
{
    private readonly IReadOnlyDictionary<string, string> _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The capture's number: global, increasing, never reused. Pass it as <c>After</c> to see only later captures.</summary>
    public long Sequence { get; init; }

    /// <summary>What the request was, by its route.</summary>
    public CaptureKind Kind { get; init; }

    /// <summary>When the mock received it, by the mock's clock.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = "";

    /// <summary>The route as matched, without a <c>/ns/{namespace}</c> prefix.</summary>
    public string Path { get; init; } = "";

    /// <summary>The namespace of a request sent under <c>/ns/{namespace}/</c>; null for the unprefixed routes.</summary>
    public string? Namespace { get; init; }

    /// <summary>The query string with its leading <c>?</c>, or null.</summary>
    public string? Query { get; init; }

    /// <summary>The headers the mock keeps (Content-Type, Content-Encoding, User-Agent, the license and API key headers), looked up ignoring case.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get => _headers;
        // Null when a capture's JSON has no headers: the source-generated reader passes a missing member as null.
        init => _headers = new Dictionary<string, string>(value ?? _headers, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The license or API key the route decided on: its own body field, else the license or API key header.</summary>
    public string? License { get; init; }

    /// <summary>The body's length as received.</summary>
    public long BodyBytes { get; init; }

    /// <summary><c>json</c> or <c>protobuf</c>; null when the body was neither.</summary>
    public string? Encoding { get; init; }

    /// <summary>The Content-Encoding the body arrived in (<c>gzip</c>, <c>deflate</c>); null when it was not compressed.</summary>
    public string? Compression { get; init; }

    /// <summary>The body's length once decompressed; null when it could not be read or decompressed.</summary>
    public long? DecodedBytes { get; init; }

    /// <summary>The id of the fault rule that answered or delayed the request; null when none did.</summary>
    public long? FaultId { get; init; }

    /// <summary>The status the mock answered; null while the response is still being produced.</summary>
    public int? Status { get; init; }

    /// <summary>What the mock noticed about the request (unknown fields, repeated keys, bad ids), at most 100.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Findings past the first 100, counted but not kept.</summary>
    public long FindingsDropped { get; init; }

    /// <summary>
    /// The body as JSON, as its route reads it (for OTLP, the decoded export as OTLP JSON with hex ids, whatever encoding
    /// it came in); null when the body could not be read, or there was none. <see cref="As{T}"/> reads it typed.
    /// </summary>
    public JsonElement? Payload { get; init; }

    /// <summary>The start of a body that could not be read (its text, or its base64 when it was not UTF-8); null when it was read.</summary>
    public string? PayloadText { get; init; }

    /// <summary>What the endpoint made of the request, as JSON; <see cref="As{T}"/> reads it typed, and <see cref="Refusal"/> reads the refusal.</summary>
    public JsonElement? Details { get; init; }

    /// <summary>What the real Beacon answered, when the request was passed through to it; null otherwise.</summary>
    public UpstreamExchange? Upstream { get; init; }

    /// <summary>What the mock answered: a refusal's problem, a verify's token, a fault's body; null while it is being produced.</summary>
    public CapturedResponse? Response { get; init; }

    /// <summary>Why the license was refused (<c>unknown</c>, <c>expired</c>, <c>revoked</c>), from <see cref="Details"/>; null when it was not.</summary>
    [JsonIgnore]
    public string? Refusal =>
        Details is { ValueKind: JsonValueKind.Object } details && details.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String
            ? refusal.GetString()
            : null;

    /// <summary>
    /// This capture with its payload and details typed for one kind: <c>capture.As&lt;VerifyCapture&gt;().Payload?.License</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The capture is of another kind.</exception>
    public T As<T>() where T : ITypedCapture<T> =>
        Kind == T.Kind
            ? T.From(this)
            : throw new InvalidOperationException($"Capture {Sequence} is a {Kind} capture, not {T.Kind}.");

    /// <summary>Whether this capture is of the kind <typeparamref name="T"/> reads.</summary>
    public bool Is<T>() where T : ITypedCapture<T> => Kind == T.Kind;

    /// <summary>The payload read as <typeparamref name="T"/>; default when there is none or it does not have that shape.</summary>
    internal T? ReadPayload<T>(JsonTypeInfo<T> type) => Read(Payload, type);

    /// <summary>The details read as <typeparamref name="T"/>; default when there are none.</summary>
    internal T? ReadDetails<T>(JsonTypeInfo<T> type) => Read(Details, type);

    private static T? Read<T>(JsonElement? json, JsonTypeInfo<T> type)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element)
            return default;
        try
        {
            return element.Deserialize(type);
        }
        catch (JsonException)
        {
            // A body the route refused for its types (a number where a string belongs) is still captured as sent:
            // the raw JSON stays in Payload, and the typed view has none.
            return default;
        }
    }
}

/// <summary>Something the mock noticed about a request: an unknown field, a repeated key, a deviation from the documentation.</summary>
/// <param name="Path">Where: a JSON path without the leading <c>$.</c>, or a header name.</param>
/// <param name="Message">What it noticed.</param>
public sealed record Finding(string Path, string Message);

/// <summary>A request passed through to the real Beacon: where it went, what came back and how long it took.</summary>
public sealed record UpstreamExchange
{
    /// <summary>The URL it was forwarded to.</summary>
    public string Url { get; init; } = "";

    /// <summary>The upstream's status; null when it could not be reached.</summary>
    public int? Status { get; init; }

    /// <summary>How long the upstream took, in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>Why the upstream could not answer (unreachable, timed out); null when it did.</summary>
    public string? Error { get; init; }

    /// <summary>The upstream's answer: JSON as it came, or a JSON string holding the start of its text.</summary>
    public JsonElement? Body { get; init; }
}

/// <summary>What the mock answered a captured request.</summary>
public sealed record CapturedResponse
{
    /// <summary>The answer's status.</summary>
    public int Status { get; init; }

    /// <summary>The answer's headers a client acts on: Content-Type, Retry-After, Location, WWW-Authenticate, Allow.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The answer's body: JSON as sent (an OTLP protobuf answer as its JSON), else a string holding the start of its text; null when empty.</summary>
    public JsonElement? Body { get; init; }

    /// <summary>From receipt to the answer, by the mock's clock.</summary>
    public double DurationMs { get; init; }
}
