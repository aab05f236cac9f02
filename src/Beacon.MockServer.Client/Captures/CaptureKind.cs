using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Client;

/// <summary>What a request was, by its route: <see cref="CapturedRequest.Kind"/>, and what filters, waits and fault rules match on.</summary>
[JsonConverter(typeof(CaptureKindJsonConverter))]
public enum CaptureKind
{
    /// <summary>A kind this version of the client does not know (one a newer mock added); never sent.</summary>
    Unknown,

    /// <summary><c>POST /v1/beacon/verify</c>: a license exchanged for a token (<c>verify</c>).</summary>
    Verify,

    /// <summary><c>POST /v1/beacon/ingest-traces</c>: billable trace counts (<c>ingest-traces</c>).</summary>
    IngestTraces,

    /// <summary><c>POST /v1/beacon/usage-snapshot</c>: LangSmith's usage counts over a period (<c>usage-snapshot</c>).</summary>
    UsageSnapshot,

    /// <summary><c>POST /v1/beacon/metadata/submit</c> or <c>/v1/metadata/submit</c>: LangGraph's usage report (<c>metadata</c>).</summary>
    Metadata,

    /// <summary><c>GET</c> or <c>POST /auth</c>: an API key check (<c>auth</c>).</summary>
    Auth,

    /// <summary><c>POST /v1/beacon/v1/traces</c>: an OTLP trace export (<c>traces</c>).</summary>
    Traces,

    /// <summary><c>POST /v1/beacon/v1/metrics</c>: an OTLP metrics export (<c>metrics</c>).</summary>
    Metrics,

    /// <summary><c>POST /v1/beacon/v1/logs</c>: an OTLP logs export (<c>logs</c>).</summary>
    Logs,

    /// <summary>A request to a path no route serves (<c>unmatched</c>): a client calling a Beacon path the mock does not have.</summary>
    Unmatched,
}

/// <summary>The mock's names for the kinds, as JSON, query strings and configuration write them.</summary>
internal static class CaptureKinds
{
    private static readonly Dictionary<CaptureKind, string> Names = new()
    {
        [CaptureKind.Verify] = "verify",
        [CaptureKind.IngestTraces] = "ingest-traces",
        [CaptureKind.UsageSnapshot] = "usage-snapshot",
        [CaptureKind.Metadata] = "metadata",
        [CaptureKind.Auth] = "auth",
        [CaptureKind.Traces] = "traces",
        [CaptureKind.Metrics] = "metrics",
        [CaptureKind.Logs] = "logs",
        [CaptureKind.Unmatched] = "unmatched",
    };

    private static readonly Dictionary<string, CaptureKind> Kinds = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    /// <summary>The mock's name of <paramref name="kind"/>; <see cref="CaptureKind.Unknown"/> (or a value outside the enum) has none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind cannot be sent.</exception>
    public static string Name(this CaptureKind kind) =>
        Names.TryGetValue(kind, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind the mock knows: CaptureKind.Unknown stands for a kind this client cannot name, and is never sent.");

    /// <summary>The kind the mock calls <paramref name="name"/>; <see cref="CaptureKind.Unknown"/> for a name this client does not know.</summary>
    public static CaptureKind Parse(string? name) => name is not null && Kinds.TryGetValue(name, out var kind) ? kind : CaptureKind.Unknown;
}

/// <summary>Reads and writes a kind as the mock's string; a string this client does not know reads as <see cref="CaptureKind.Unknown"/>, so a newer mock's kinds do not break a list.</summary>
internal sealed class CaptureKindJsonConverter : JsonConverter<CaptureKind>
{
    public override CaptureKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? CaptureKinds.Parse(reader.GetString())
            : throw new JsonException($"A capture kind is a string, not {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, CaptureKind value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
