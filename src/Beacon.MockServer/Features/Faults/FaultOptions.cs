using Beacon.MockServer.Configuration;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// The fault rules of <c>Beacon:Faults</c>, in force from start and again after a reset: each the same rule
/// <c>POST /mock/faults</c> takes (<see cref="FaultRuleRequest"/>), its keys in PascalCase, its body JSON written as text.
/// </summary>
internal sealed class FaultOptions
{
    /// <summary>The section <c>Faults</c> sits in, beside the kernel's keys.</summary>
    public const string Section = "Beacon";

    public List<FaultRuleRequest> Faults { get; set; } = [];
}

/// <summary>Checks the configured rules at start, as the API checks a posted one; each message names the rule's key as configured.</summary>
internal sealed class FaultOptionsValidator(IConfiguration configuration, IEnumerable<WireKind> kinds) : IValidateOptions<FaultOptions>
{
    public ValidateOptionsResult Validate(string? name, FaultOptions options)
    {
        var errors = new List<string>();
        var keys = ConfiguredKeys.Of(configuration, $"{FaultOptions.Section}:Faults", options.Faults.Count);
        var known = kinds.ToList();
        for (var i = 0; i < options.Faults.Count; i++)
        {
            var key = keys[i];
            if (options.Faults[i].Body is { Error: { } error })
                errors.Add($"{key}:Body must be JSON text, such as {{\"detail\": \"...\"}} ({error}).");
            FaultRuleValidator.Validate(options.Faults[i], FaultFieldNames.Configuration(key), known, (field, message) => errors.Add($"{field} {message}."));
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
