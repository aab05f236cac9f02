using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>How the OTLP receivers judge an export: <c>Beacon:Otlp</c>.</summary>
internal sealed class OtlpOptions
{
    public const string Section = "Beacon:Otlp";

    /// <summary>
    /// When true, spans, data points and log records that break the OTLP rules (ids that are not hex of the right
    /// length, enums out of range, points without a value) are rejected through the response's partial success.
    /// When false (the default), they are kept as sent and reported as findings.
    /// </summary>
    public bool Strict { get; set; }

    /// <summary>Most spans, data points or log records one export may hold; more is refused with 413, and captured.</summary>
    public int MaxItemsPerExport { get; set; } = 100_000;
}

internal sealed class OtlpOptionsValidator : IValidateOptions<OtlpOptions>
{
    public ValidateOptionsResult Validate(string? name, OtlpOptions options) =>
        options.MaxItemsPerExport < 1
            ? ValidateOptionsResult.Fail($"{OtlpOptions.Section}:MaxItemsPerExport must be at least 1 (was {options.MaxItemsPerExport}).")
            : ValidateOptionsResult.Success;
}
