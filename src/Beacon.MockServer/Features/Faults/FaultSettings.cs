using Beacon.MockServer.Configuration;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Faults;

/// <summary>The fault rules of <c>Beacon:Faults</c>, in force from start and again after a reset.</summary>
internal sealed class FaultSettings
{
    public List<FaultOptions> Faults { get; set; } = [];
}

/// <summary>
/// A fault rule loaded at start (<c>Beacon:Faults:N:...</c>): the same rule as <c>POST /mock/faults</c> takes,
/// with its keys in PascalCase. Numbers are nullable so that "not set" and "set to 0" stay apart.
/// </summary>
internal sealed class FaultOptions
{
    public FaultMatchOptions Match { get; set; } = new();

    /// <summary>The status to answer, 400 to 599, in the route's own error shape.</summary>
    public int? Status { get; set; }

    /// <summary>The body to answer with the status, as JSON text (configuration values are text).</summary>
    public string? Body { get; set; }

    /// <summary>Seconds for the Retry-After header; only with <see cref="Status"/>.</summary>
    public int? RetryAfter { get; set; }

    public int? DelayMs { get; set; }

    public bool DropConnection { get; set; }

    public FaultPartialSuccessOptions? PartialSuccess { get; set; }

    /// <summary>Fires for the next this many matching requests, then is spent; unset for every one.</summary>
    public int? Times { get; set; }

    public double? Probability { get; set; }

    public int? Seed { get; set; }
}

internal sealed class FaultMatchOptions
{
    public string? Kind { get; set; }

    public string? License { get; set; }

    public string? Namespace { get; set; }

    public string? Path { get; set; }
}

internal sealed class FaultPartialSuccessOptions
{
    public int? Rejected { get; set; }

    public string? Message { get; set; }
}

/// <summary>Checks the configured rules at start, as the API checks a posted one; each message names the rule's key as configured.</summary>
internal sealed class FaultSettingsValidator(IConfiguration configuration, IEnumerable<WireKind> kinds) : IValidateOptions<FaultSettings>
{
    public ValidateOptionsResult Validate(string? name, FaultSettings settings)
    {
        var errors = new List<string>();
        var keys = ConfiguredKeys.Of(configuration, $"{BeaconOptions.Section}:Faults", settings.Faults.Count);
        FaultConfiguration.Validate(settings.Faults, keys, [.. kinds.Select(k => k.Name)], errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
