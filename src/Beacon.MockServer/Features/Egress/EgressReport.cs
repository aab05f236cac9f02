using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// <c>GET /mock/egress</c>: what a deployment sent, against what Beacon's pages promise. Built from what the audit kept
/// as captures arrived, so it covers captures long evicted.
/// </summary>
/// <param name="Namespace">The namespace it covers; null for every namespace.</param>
/// <param name="Enabled">False when <c>Beacon:Egress:Enabled</c> is off: nothing was audited.</param>
/// <param name="Captures">Captures audited since start or the last reset.</param>
/// <param name="Unverifiable">What the pages promise that no recorder of traffic can check.</param>
internal sealed record EgressReport(
    string? Namespace,
    bool Enabled,
    DateTimeOffset GeneratedAt,
    long Captures,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyList<PromiseReport> Promises,
    IReadOnlyList<EndpointReport> Endpoints,
    IReadOnlyList<FieldReport> Fields,
    AuditSettings Settings,
    AuditLimitsReport Limits,
    IReadOnlyList<ContractPage> Pages,
    IReadOnlyList<string> Unverifiable);

/// <param name="Verdict"><c>pass</c>, <c>fail</c>, or <c>not-applicable</c> (nothing arrived that it is about).</param>
/// <param name="Violations">Every break counted, however few are kept as evidence.</param>
/// <param name="Evidence">The first breaks, one per field and kind of break, up to <c>Beacon:Egress:MaxEvidence</c>.</param>
/// <param name="Summary">The verdict in a sentence.</param>
/// <param name="Note">What else a reader should know (the pages disagreeing about the log threshold).</param>
internal sealed record PromiseReport(
    string Id, string Title, string Verdict, long Violations, IReadOnlyList<EgressEvidence> Evidence, string Summary,
    string Quote, string Checks, string CannotCheck, string? Note);

/// <summary>One break of a promise, where it happened.</summary>
/// <param name="Sequence">The capture's sequence (the inspector and <c>GET /mock/captures/{sequence}</c> show it while the store keeps it).</param>
/// <param name="Path">Where in the capture: a JSON path of its payload, a header name, <c>$</c> for the request as a whole, <c>(path)</c> or <c>(query)</c>.</param>
/// <param name="Value">The offending value, masked; null when the break is about what is absent.</param>
internal sealed record EgressEvidence(long Sequence, string Kind, string Path, string? Value, string Message)
{
    /// <summary>The field it is about, without array indexes: evidence keeps one per field and <see cref="What"/>.</summary>
    [JsonIgnore]
    public string Field { get; init; } = "";

    /// <summary>What kind of break it is (an e-mail address, an undocumented field), for the same purpose.</summary>
    [JsonIgnore]
    public string What { get; init; } = "";
}

/// <param name="Documented">The method and path are on the pages, or are a variant real clients use (<see cref="Variant"/>).</param>
/// <param name="Page">The page that documents it (<see cref="EgressReport.Pages"/>).</param>
internal sealed record EndpointReport(
    string Kind, string Method, string Path, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, bool Documented, bool Variant, string? Page);

/// <param name="Path">
/// A payload field without array indexes (<c>trace_transactions[].tenant_id</c>), or, for an OTLP export, what it names:
/// <c>resource.attributes['service.name']</c>, <c>scopes['langsmith.metrics']</c>, <c>metrics.name</c>, <c>spans.name</c>,
/// <c>events.name</c>, <c>attributes.key</c>, <c>severities.13</c>.
/// </param>
/// <param name="Category"><c>field</c>, or <c>resource-attribute</c>, <c>scope</c>, <c>metric</c>, <c>span</c>, <c>event</c>, <c>attribute</c>, <c>severity</c>.</param>
/// <param name="Types">JSON types for a field; an attribute's AnyValue type (string, int, double, bool, bytes, array, kvlist, empty); a metric's data type.</param>
/// <param name="Examples">Up to three values as sent, cut to 48 characters, with whatever looks like personal data or a credential masked.</param>
internal sealed record FieldReport(
    string Kind, string Path, string Category, IReadOnlyList<string> Types, long Count, bool Documented, IReadOnlyList<string> Examples);

/// <param name="Disabled">The kinds <c>Beacon:Egress:Disabled</c> declares switched off.</param>
/// <param name="Patterns">The names of <c>Beacon:Egress:Patterns</c>.</param>
internal sealed record AuditSettings(int MinLogSeverity, IReadOnlyList<string> Disabled, IReadOnlyList<string> Patterns);

/// <summary>The audit's caps, and what reaching them cost: nothing is dropped without being counted here.</summary>
/// <param name="Shared">This namespace arrived past MaxNamespaces: its traffic is audited together with the others' past the cap.</param>
/// <param name="SharedCaptures">Captures of namespaces past MaxNamespaces, audited together for that reason.</param>
/// <param name="KeysDropped">License or API keys not remembered past MaxKeys (license-key-confined cannot look for them).</param>
/// <param name="Failures">Captures the audit failed on (a bug: the log says which); they are counted, not audited.</param>
internal sealed record AuditLimitsReport(
    int MaxNamespaces, int MaxEndpoints, int MaxFieldPaths, int MaxExamples, int MaxEvidence, int MaxKeys,
    long EndpointsDropped, long FieldPathsDropped, long SharedCaptures, long KeysDropped, long Failures, bool Shared);
