namespace Beacon.MockServer.Client;

/// <summary>
/// What <c>GET /mock/egress</c> answers: what the deployment sent (its endpoints and fields) against what Beacon's pages
/// promise, a verdict per promise with its evidence. Kept by the mock as captures arrive, so it covers evicted ones.
/// </summary>
/// <param name="Namespace">The namespace it covers; null for every namespace.</param>
/// <param name="Enabled">False when the mock's <c>Beacon:Egress:Enabled</c> is off.</param>
/// <param name="Captures">Requests audited since start or the last reset.</param>
/// <param name="Unverifiable">What the pages promise that no recorder of traffic can check.</param>
public sealed record EgressReport(
    string? Namespace,
    bool Enabled,
    DateTimeOffset GeneratedAt,
    long Captures,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyList<EgressPromiseResult> Promises,
    IReadOnlyList<EgressEndpoint> Endpoints,
    IReadOnlyList<EgressField> Fields,
    EgressSettings Settings,
    EgressLimits Limits,
    IReadOnlyList<EgressPage> Pages,
    IReadOnlyList<string> Unverifiable)
{
    /// <summary>The promise with this id (<see cref="EgressPromiseIds"/>).</summary>
    /// <exception cref="KeyNotFoundException">The report has no such promise.</exception>
    public EgressPromiseResult Promise(string id) =>
        Promises.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"The egress report has no promise '{id}'.");

    /// <summary>The promises that failed.</summary>
    public IEnumerable<EgressPromiseResult> Failed => Promises.Where(p => p.Verdict == EgressVerdicts.Fail);
}

/// <summary>One promise, judged.</summary>
/// <param name="Id">One of <see cref="EgressPromiseIds"/>.</param>
/// <param name="Verdict">One of <see cref="EgressVerdicts"/>.</param>
/// <param name="Violations">Every break counted, however few are kept as evidence.</param>
/// <param name="Evidence">The first breaks, one per field and kind of break.</param>
/// <param name="Summary">The verdict in a sentence.</param>
/// <param name="Quote">The pages' own words.</param>
/// <param name="Note">What else to know (the pages disagreeing about the log threshold); null when nothing.</param>
public sealed record EgressPromiseResult(
    string Id, string Title, string Verdict, long Violations, IReadOnlyList<EgressEvidence> Evidence, string Summary,
    string Quote, string Checks, string CannotCheck, string? Note);

/// <summary>One break of a promise, where it happened.</summary>
/// <param name="Sequence">The capture's sequence.</param>
/// <param name="Path">A JSON path of the capture's payload, a header name, <c>$</c> for the request as a whole, <c>(path)</c> or <c>(query)</c>.</param>
/// <param name="Value">The offending value, masked; null when the break is about what is absent.</param>
public sealed record EgressEvidence(long Sequence, CaptureKind Kind, string Path, string? Value, string Message);

/// <summary>An endpoint the deployment called.</summary>
/// <param name="Documented">On the pages, or a variant real clients use (<paramref name="Variant"/>).</param>
/// <param name="Page">The page that documents it (<see cref="EgressReport.Pages"/>).</param>
public sealed record EgressEndpoint(
    CaptureKind Kind, string Method, string Path, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, bool Documented, bool Variant, string? Page);

/// <summary>A field path the deployment sent, or, for OTLP, a name an export carried (a span name, an attribute key).</summary>
/// <param name="Category">One of <see cref="EgressFieldCategories"/>.</param>
/// <param name="Types">JSON types; an attribute's AnyValue type; a metric's data type.</param>
/// <param name="Examples">Up to three values, cut to 48 characters, personal data and credentials masked.</param>
public sealed record EgressField(CaptureKind Kind, string Path, string Category, IReadOnlyList<string> Types, long Count, bool Documented, IReadOnlyList<string> Examples);

/// <summary>The settings the report was made with.</summary>
/// <param name="Disabled">The kinds declared switched off (<c>Beacon:Egress:Disabled</c>).</param>
/// <param name="Patterns">The names of the configured personal-data patterns.</param>
public sealed record EgressSettings(int MinLogSeverity, IReadOnlyList<CaptureKind> Disabled, IReadOnlyList<string> Patterns);

/// <summary>The audit's caps, and what reaching them dropped (counted, never silent).</summary>
/// <param name="Shared">This namespace arrived past MaxNamespaces and is audited with the others past it.</param>
public sealed record EgressLimits(
    int MaxNamespaces, int MaxEndpoints, int MaxFieldPaths, int MaxExamples, int MaxEvidence, int MaxKeys,
    long EndpointsDropped, long FieldPathsDropped, long SharedCaptures, long KeysDropped, long Failures, bool Shared);

/// <summary>A page of Beacon's documentation the contract cites.</summary>
public sealed record EgressPage(string Id, string Title, string Url, string Note);

/// <summary>The values of <see cref="EgressPromiseResult.Verdict"/>.</summary>
public static class EgressVerdicts
{
    public const string Pass = "pass";
    public const string Fail = "fail";

    /// <summary>Nothing arrived that the promise is about.</summary>
    public const string NotApplicable = "not-applicable";
}

/// <summary>The promises the audit checks, by <see cref="EgressPromiseResult.Id"/>.</summary>
public static class EgressPromiseIds
{
    public const string DocumentedEndpoints = "documented-endpoints";
    public const string DocumentedFields = "documented-fields";
    public const string NoPersonalData = "no-personal-data";
    public const string LogsWarningOrAbove = "logs-warning-or-above";
    public const string UsageCountsOnly = "usage-counts-only";
    public const string LicenseKeyConfined = "license-key-confined";
    public const string OptOutsHonoured = "opt-outs-honoured";
}

/// <summary>The values of <see cref="EgressField.Category"/>.</summary>
public static class EgressFieldCategories
{
    public const string Field = "field";
    public const string ResourceAttribute = "resource-attribute";
    public const string Scope = "scope";
    public const string Metric = "metric";
    public const string Span = "span";
    public const string Event = "event";
    public const string Attribute = "attribute";
    public const string Severity = "severity";
}
