using System.Text.Json;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// Refuses a rule that makes no sense, the same way for <c>POST /mock/faults</c> and for configuration: each
/// error is keyed by its field and reads after it ("must be between 400 and 599 (was 200)").
/// </summary>
internal static class FaultRuleValidator
{
    /// <summary>Ten minutes: longer than any client waits, short enough that a typo does not hold a request for days.</summary>
    public const int MaxDelayMs = 10 * 60 * 1000;

    public static void Validate(FaultRuleRequest rule, FaultFieldNames names, IReadOnlyList<WireKind> kinds, Action<string, string> error)
    {
        void Add(string field, string message) => error(names.Key(field), message);
        string M(string field) => names.Mention(field);

        Unknown("", rule.Unknown, "a fault rule", Add);
        Unknown("match", rule.Match?.Unknown, "match", Add);
        Unknown("partialSuccess", rule.PartialSuccess?.Unknown, "partialSuccess", Add);
        ValidateMatch(rule.Match ?? FaultMatch.Any, kinds, Add);

        var drop = rule.DropConnection == true;
        if (rule.Status is null && rule.DelayMs is null or 0 && !drop && rule.PartialSuccess is null)
            Add("$", $"needs an action: {M("status")}, {M("delayMs")} above 0, {M("dropConnection")} or {M("partialSuccess")}");

        if (rule.Status is { } status && status is < 400 or > 599)
            Add("status", $"must be between 400 and 599 (was {status})");
        if (drop && rule.Status is not null)
            Add("dropConnection", $"cannot go with {M("status")}: a dropped connection answers nothing");
        if (rule.Body is not null && rule.Status is null)
            Add("body", $"needs {M("status")}: the body is answered with it");
        if (rule.Body is { Error: null } body && !StrictJson.IsText(body.Value))
            Add("body", $"{StrictJson.NotText}: it could not be answered");
        if (rule.RetryAfter is < 0)
            Add("retryAfter", $"must not be negative (was {rule.RetryAfter})");
        else if (rule.RetryAfter is not null && rule.Status is null)
            Add("retryAfter", $"needs {M("status")}: Retry-After is sent with the status it answers");
        if (rule.DelayMs is < 0 or > MaxDelayMs)
            Add("delayMs", $"must be between 0 and {MaxDelayMs} (10 minutes) (was {rule.DelayMs})");

        if (rule.PartialSuccess is { } partial)
        {
            if (rule.Status is not null)
                Add("partialSuccess", $"cannot go with {M("status")}: a partial success is answered 200");
            if (drop)
                Add("partialSuccess", $"cannot go with {M("dropConnection")}: a partial success is an answer");
            if (partial.Rejected is null)
                Add("partialSuccess.rejected", "is required: how many spans, data points or log records to report rejected");
            else if (partial.Rejected < 0)
                Add("partialSuccess.rejected", $"must not be negative (was {partial.Rejected})");
            if (rule.Match?.Kind is { } kind && kinds.FirstOrDefault(k => k.Name == kind) is { AnswersPartialSuccess: false })
                Add("match.kind", $"must be {Either(kinds.Where(k => k.AnswersPartialSuccess).Select(k => k.Name))} with {M("partialSuccess")}: only OTLP answers a partial success (was '{kind}')");
        }

        if (rule.Times is < 1)
            Add("times", $"must be at least 1 (was {rule.Times}); leave it out to fire for every matching request");
        if (rule.Probability is < 0 or > 1)
            Add("probability", $"must be between 0 and 1 (was {rule.Probability})");
    }

    /// <summary>"a, b or c".</summary>
    private static string Either(IEnumerable<string> words) =>
        words.ToList() is var list && list.Count > 1 ? $"{string.Join(", ", list[..^1])} or {list[^1]}" : string.Join("", list);

    private static void ValidateMatch(FaultMatch match, IReadOnlyList<WireKind> kinds, Action<string, string> add)
    {
        if (match.Kind is { } kind && kinds.All(k => k.Name != kind))
            add("match.kind", $"must be one of {string.Join(", ", kinds.Select(k => k.Name))} (was '{kind}')");
        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("match.license", match.License), ("match.namespace", match.Namespace), ("match.path", match.Path)])
        {
            if (value is { Length: 0 })
                add(field, "must not be empty; leave it out to match any");
        }
        if (match.Namespace is { Length: > 0 } ns && !WireNamespace.IsValid(ns))
            add("match.namespace", $"must be {WireNamespace.Rule}, as a request's namespace is (was '{ns}')");
        if (match.Path is { Length: > 0 } path && !path.StartsWith('/'))
            add("match.path", $"must start with '/': it is compared with the captured path, which has no /ns/{{namespace}} prefix (was '{path}')");
    }

    private static void Unknown(string prefix, Dictionary<string, JsonElement>? unknown, string owner, Action<string, string> add)
    {
        foreach (var name in unknown?.Keys ?? Enumerable.Empty<string>())
            add(JsonPath.Member(prefix, name), $"is not a field of {owner}");
    }
}

/// <summary>How the validator names a field: as the error's key, and when another field's message mentions it.</summary>
internal sealed record FaultFieldNames(Func<string, string> Key, Func<string, string> Mention)
{
    /// <summary>The API's names: JSON paths in camelCase (<c>partialSuccess.rejected</c>); the root is <c>$</c>.</summary>
    public static readonly FaultFieldNames Json = new(field => field, field => field);

    /// <summary>Configuration keys under <paramref name="prefix"/> (<c>Beacon:Faults:0:PartialSuccess:Rejected</c>).</summary>
    public static FaultFieldNames Configuration(string prefix) =>
        new(field => field == "$" ? prefix : $"{prefix}:{Pascal(field)}", Pascal);

    private static string Pascal(string field) =>
        string.Join(':', field.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..]));
}
