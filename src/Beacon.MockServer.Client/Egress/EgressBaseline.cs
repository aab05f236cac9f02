namespace Beacon.MockServer.Client;

/// <summary>
/// The inventory without counts or examples (<c>GET /mock/egress/baseline</c>): keep it beside a release, and compare the
/// next run with it (<see cref="BeaconMockClient.CompareEgressAsync"/>).
/// </summary>
public sealed record EgressBaseline(IReadOnlyList<EgressBaselineEndpoint> Endpoints, IReadOnlyList<EgressBaselineField> Fields);

/// <summary>An endpoint the deployment called, by the kind it was captured as, its method and its path.</summary>
public sealed record EgressBaselineEndpoint(CaptureKind Kind, string Method, string Path);

/// <summary>A field the deployment sent: where (its kind and JSON path), what the audit classed it as, and the JSON types it held.</summary>
public sealed record EgressBaselineField(CaptureKind Kind, string Path, string Category, IReadOnlyList<string> Types);

/// <summary>What <c>POST /mock/egress/compare</c> answers: the inventory now against a baseline.</summary>
/// <param name="Identical">Nothing new, gone or changed.</param>
public sealed record EgressComparison(bool Identical, EgressEndpointChanges Endpoints, EgressFieldChanges Fields);

/// <param name="New">Called now, not in the baseline.</param>
/// <param name="Gone">In the baseline, not called now.</param>
public sealed record EgressEndpointChanges(IReadOnlyList<EgressBaselineEndpoint> New, IReadOnlyList<EgressBaselineEndpoint> Gone);

/// <param name="New">Sent now, not in the baseline: a field nobody approved.</param>
/// <param name="Gone">In the baseline, not sent now.</param>
/// <param name="Changed">In both, with other types.</param>
public sealed record EgressFieldChanges(IReadOnlyList<EgressBaselineField> New, IReadOnlyList<EgressBaselineField> Gone, IReadOnlyList<EgressFieldChange> Changed);

/// <summary>A field in the baseline and sent now, whose JSON types differ.</summary>
/// <param name="Baseline">The types the baseline recorded.</param>
/// <param name="Now">The types it held in this run.</param>
public sealed record EgressFieldChange(CaptureKind Kind, string Path, string Category, IReadOnlyList<string> Baseline, IReadOnlyList<string> Now);
