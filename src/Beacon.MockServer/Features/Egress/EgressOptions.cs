using System.Text.RegularExpressions;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Egress;

/// <summary>The egress audit's settings, <c>Beacon:Egress</c>: what the operator declared, the threshold, extra patterns and the caps.</summary>
internal sealed class EgressOptions
{
    public const string Section = "Beacon:Egress";

    /// <summary>Whether captures are audited at all (false: the report says so and holds nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The capture kinds the operator switched off (<c>config.telemetry.logs: false</c> is <c>logs</c>): none may arrive.</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>The least severityNumber a log record may have: 13 (WARN), as "Warning and error log messages only" says; 17 for "error severity levels".</summary>
    public int MinLogSeverity { get; set; } = 13;

    /// <summary>More patterns of personal data, each a name and a .NET regular expression (run without backtracking).</summary>
    public List<EgressPatternOptions> Patterns { get; set; } = [];

    /// <summary>Most namespaces audited apart; traffic of later ones is audited together, and the report says so.</summary>
    public int MaxNamespaces { get; set; } = 100;

    /// <summary>Most distinct endpoints (kind, method and path) held, over every namespace.</summary>
    public int MaxEndpoints { get; set; } = 1_000;

    /// <summary>Most distinct field paths held, over every namespace and kind.</summary>
    public int MaxFieldPaths { get; set; } = 10_000;

    /// <summary>Example values kept per field path, 0 to 3.</summary>
    public int MaxExamples { get; set; } = 3;

    /// <summary>Pieces of evidence kept per promise and namespace; every break is counted past it.</summary>
    public int MaxEvidence { get; set; } = 10;

    /// <summary>Most license and API keys remembered, for license-key-confined.</summary>
    public int MaxKeys { get; set; } = 1_000;
}

internal sealed class EgressPatternOptions
{
    public string? Name { get; set; }

    public string? Regex { get; set; }

    /// <summary>The pattern as the audit runs it: linear time, culture-invariant.</summary>
    public ConfiguredPattern Compile() =>
        new(Name!, new Regex(Regex!, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
}

/// <summary>Checks <c>Beacon:Egress</c> at start; each message names the key as configured.</summary>
internal sealed class EgressOptionsValidator(IConfiguration configuration, IEnumerable<WireKind> kinds) : IValidateOptions<EgressOptions>
{
    public ValidateOptionsResult Validate(string? name, EgressOptions options)
    {
        var errors = new List<string>();
        var known = kinds.Select(k => k.Name).ToList();
        var disabled = ConfiguredKeys.Of(configuration, $"{EgressOptions.Section}:Disabled", options.Disabled.Count);
        for (var i = 0; i < options.Disabled.Count; i++)
        {
            if (!known.Contains(options.Disabled[i], StringComparer.Ordinal))
                errors.Add($"{disabled[i]} must be a capture kind ({string.Join(", ", known)}); was '{options.Disabled[i]}'.");
        }
        if (options.MinLogSeverity is < 1 or > 24)
            errors.Add($"{EgressOptions.Section}:MinLogSeverity must be an OTLP severityNumber from 1 to 24 (13 is WARN, 17 ERROR); was {options.MinLogSeverity}.");
        var patterns = ConfiguredKeys.Of(configuration, $"{EgressOptions.Section}:Patterns", options.Patterns.Count);
        for (var i = 0; i < options.Patterns.Count; i++)
            Check(options.Patterns[i], patterns[i], errors);
        Range(errors, "MaxNamespaces", options.MaxNamespaces, 1, 100_000);
        Range(errors, "MaxEndpoints", options.MaxEndpoints, 1, 1_000_000);
        Range(errors, "MaxFieldPaths", options.MaxFieldPaths, 1, 1_000_000);
        Range(errors, "MaxExamples", options.MaxExamples, 0, 3);
        Range(errors, "MaxEvidence", options.MaxEvidence, 1, 1_000);
        Range(errors, "MaxKeys", options.MaxKeys, 1, 100_000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(EgressPatternOptions pattern, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(pattern.Name))
            errors.Add($"{key}:Name must name the pattern (it is shown in the report).");
        if (string.IsNullOrEmpty(pattern.Regex))
        {
            errors.Add($"{key}:Regex must be a regular expression.");
            return;
        }
        try
        {
            pattern.Compile();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // NonBacktracking refuses lookarounds and backreferences: the audit runs every pattern on every value, in linear time.
            errors.Add($"{key}:Regex is not a regular expression the audit can run without backtracking ({e.Message}).");
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
            errors.Add($"{EgressOptions.Section}:{key} must be between {min} and {max}; was {value}.");
    }
}
