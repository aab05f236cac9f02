using System.Text.Json;
using System.Text.Json.Nodes;

namespace Beacon.MockServer.Client;

/// <summary>Which wire requests a fault rule applies to; a field left null matches anything.</summary>
public sealed record FaultMatch
{
    /// <summary>The capture kind.</summary>
    public CaptureKind? Kind { get; init; }

    /// <summary>The capture's license.</summary>
    public string? License { get; init; }

    /// <summary>Only requests sent under <c>/ns/{namespace}/</c>. A namespaced client fills it in.</summary>
    public string? Namespace { get; init; }

    /// <summary>The path as captured, without a <c>/ns/{namespace}</c> prefix.</summary>
    public string? Path { get; init; }
}

/// <summary>An OTLP export answered 200 with this many items reported rejected.</summary>
public sealed record FaultPartialSuccess
{
    /// <summary>How many spans, data points or log records to report rejected.</summary>
    public int? Rejected { get; init; }

    /// <summary>The partial success's error message; a default names the rule.</summary>
    public string? Message { get; init; }
}

/// <summary>The body of <c>POST /mock/faults</c>: what to match, what to do (at least one action), and how often.</summary>
public sealed record FaultRuleRequest
{
    /// <summary>Which requests; null matches every wire request.</summary>
    public FaultMatch? Match { get; init; }

    /// <summary>Answer with this status (400 to 599), in the route's own error shape.</summary>
    public int? Status { get; init; }

    /// <summary>Answer with this JSON body instead (with <see cref="Status"/>): <c>JsonNode.Parse("""{"detail": "down"}""")</c>.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>Add <c>Retry-After</c> with this many seconds (with <see cref="Status"/>).</summary>
    public int? RetryAfter { get; init; }

    /// <summary>Wait this long first, by the server's clock (at most 600000).</summary>
    public int? DelayMs { get; init; }

    /// <summary>Close the connection without answering.</summary>
    public bool? DropConnection { get; init; }

    /// <summary>Answer an OTLP export 200 with items reported rejected.</summary>
    public FaultPartialSuccess? PartialSuccess { get; init; }

    /// <summary>Fire for the next n matching requests only; null for every one.</summary>
    public int? Times { get; init; }

    /// <summary>Fire with this chance, 0 to 1; null for always.</summary>
    public double? Probability { get; init; }

    /// <summary>Seeds the rule's own random sequence, so a run repeats.</summary>
    public int? Seed { get; init; }
}

/// <summary>A fault rule as the mock holds and lists it.</summary>
public sealed record FaultRule
{
    /// <summary>The rule's id: increasing, never reused; a capture's <see cref="CapturedRequest.FaultId"/>.</summary>
    public long Id { get; init; }

    /// <summary>Which requests it matches.</summary>
    public FaultMatch Match { get; init; } = new();

    /// <summary>The status it answers with, if any.</summary>
    public int? Status { get; init; }

    /// <summary>The body it answers with, if any.</summary>
    public JsonElement? Body { get; init; }

    /// <summary>The Retry-After seconds, if any.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>The delay, in milliseconds.</summary>
    public int DelayMs { get; init; }

    /// <summary>Whether it closes the connection.</summary>
    public bool DropConnection { get; init; }

    /// <summary>The partial success it reports, if any.</summary>
    public FaultPartialSuccess? PartialSuccess { get; init; }

    /// <summary>How many matching requests it fires for in all; null for every one.</summary>
    public int? Times { get; init; }

    /// <summary>The chance it fires; null for always.</summary>
    public double? Probability { get; init; }

    /// <summary>The seed of its random sequence (chosen by the mock when a probability came without one).</summary>
    public int? Seed { get; init; }

    /// <summary>Whether it came from configuration (<c>Beacon:Faults</c>).</summary>
    public bool Configured { get; init; }

    /// <summary>How many requests it has fired for.</summary>
    public long Fired { get; init; }

    /// <summary>How many more times it fires; null without <see cref="Times"/>.</summary>
    public long? Remaining { get; init; }

    /// <summary>Whether it has fired its <see cref="Times"/> and never fires again.</summary>
    public bool Spent { get; init; }
}

/// <summary>Every fault rule, oldest first: the order they are tried in.</summary>
public sealed record FaultRuleList(IReadOnlyList<FaultRule> Items, int Total);
