using System.Text.Json;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// The rules of <c>Beacon:Faults</c>, read into the shape the API takes, so that one validator and one
/// registry serve both. Messages name the full configuration key.
/// </summary>
internal static class FaultConfiguration
{
    /// <summary>Adds an error for every configured rule that makes no sense, naming its key (<paramref name="keys"/>, one a rule).</summary>
    public static void Validate(IReadOnlyList<FaultOptions> faults, IReadOnlyList<string> keys, IReadOnlyCollection<string> kinds, List<string> errors)
    {
        for (var i = 0; i < faults.Count; i++)
        {
            var key = keys[i];
            var request = Read(faults[i], key, errors);
            FaultRuleValidator.Validate(request, FaultFieldNames.Configuration(key), kinds, (field, message) => errors.Add($"{field} {message}."));
        }
    }

    /// <summary>The configured rules, in order. Only called once <see cref="Validate"/> found nothing wrong.</summary>
    public static IEnumerable<FaultRuleRequest> Rules(IReadOnlyList<FaultOptions> faults) =>
        faults.Select(fault => Read(fault, key: "", errors: null));

    private static FaultRuleRequest Read(FaultOptions fault, string key, List<string>? errors) => new()
    {
        Match = new FaultMatch
        {
            Kind = fault.Match.Kind,
            License = fault.Match.License,
            Namespace = fault.Match.Namespace,
            Path = fault.Match.Path,
        },
        Status = fault.Status,
        Body = ParseBody(fault.Body, $"{key}:Body", errors),
        RetryAfter = fault.RetryAfter,
        DelayMs = fault.DelayMs,
        DropConnection = fault.DropConnection,
        PartialSuccess = fault.PartialSuccess is { } partial ? new FaultPartialSuccess { Rejected = partial.Rejected, Message = partial.Message } : null,
        Times = fault.Times,
        Probability = fault.Probability,
        Seed = fault.Seed,
    };

    /// <summary>A configuration value is text, so the body is JSON written as text: <c>{"detail": "down"}</c>.</summary>
    private static JsonElement? ParseBody(string? text, string key, List<string>? errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            errors?.Add($"{key} must be JSON text, such as {{\"detail\": \"...\"}} ({e.Message})");
            return null;
        }
    }
}
