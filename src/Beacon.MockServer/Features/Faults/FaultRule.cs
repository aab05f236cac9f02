using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// A fault rule as the registry keeps and lists it: validated, its seed chosen, and (in a listing) how often
/// it has fired. Immutable: a request that fired a rule keeps the rule it fired even if it is deleted meanwhile.
/// </summary>
internal sealed record FaultRule
{
    /// <summary>Assigned by the registry; increasing, never reused, so a capture's <c>faultId</c> stays unambiguous.</summary>
    public long Id { get; init; }

    public FaultMatch Match { get; init; } = FaultMatch.Any;

    public int? Status { get; init; }

    public FaultBody? Body { get; init; }

    public int? RetryAfter { get; init; }

    public int DelayMs { get; init; }

    public bool DropConnection { get; init; }

    public FaultPartialSuccess? PartialSuccess { get; init; }

    /// <summary>How many matching requests it fires for in all; null for every one.</summary>
    public int? Times { get; init; }

    /// <summary>The chance it fires for a matching request; null for always.</summary>
    public double? Probability { get; init; }

    /// <summary>Seeds the rule's own random sequence: given, or chosen when the rule was added, so a run can be repeated.</summary>
    public int? Seed { get; init; }

    /// <summary>Loaded from configuration at start (and brought back by a reset), rather than added at run time.</summary>
    public bool Configured { get; init; }

    /// <summary>How many requests it has fired for.</summary>
    public long Fired { get; init; }

    /// <summary>How many more times it fires; null when it has no times (it fires for every matching request).</summary>
    public long? Remaining => Times is { } times ? Math.Max(0, times - Fired) : null;

    /// <summary>Fired its times already: kept in the list, but never fires again.</summary>
    public bool Spent => Remaining == 0;

    /// <summary>
    /// The rule a validated request describes. A rule with a probability and no seed gets one here, so that the
    /// listing says how to repeat the run.
    /// </summary>
    public static FaultRule From(FaultRuleRequest request, bool configured) => new()
    {
        Match = request.Match is { } match ? match with { Unknown = null } : FaultMatch.Any,
        Status = request.Status,
        Body = request.Body,
        RetryAfter = request.RetryAfter,
        DelayMs = request.DelayMs ?? 0,
        DropConnection = request.DropConnection ?? false,
        PartialSuccess = request.PartialSuccess is { } partial ? partial with { Unknown = null } : null,
        Times = request.Times,
        Probability = request.Probability,
        Seed = request.Seed ?? (request.Probability is null ? null : Random.Shared.Next()),
        Configured = configured,
    };

    /// <summary>A rule that reports a partial success applies only to routes that answer one (OTLP's), and only to bodies they could decode.</summary>
    public bool AppliesTo(Capture capture, WireRoute route, bool decoded) =>
        Match.Matches(capture) && (PartialSuccess is null || (decoded && route.Kind.AnswersPartialSuccess));
}
