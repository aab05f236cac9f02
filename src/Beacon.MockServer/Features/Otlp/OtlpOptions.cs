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

    /// <summary>
    /// Most histogram buckets one export may hold: the numbers of every bucket_counts and explicit_bounds list, an
    /// exponential histogram's positive and negative buckets alike; more is refused with 413, and captured. A bucket
    /// costs eight bytes once decoded and as little as a bit of gzip on the wire, so without this two kilobytes of
    /// export could take a quarter of the store. An SDK's exponential histogram holds at most 320 buckets (160 a
    /// side) and an explicit one 16 counts and 15 bounds: 100,000 is some 300 full exponential points, or 3,000
    /// explicit ones, and at most 800 KB of store.
    /// </summary>
    public int MaxBucketsPerExport { get; set; } = 100_000;
}

internal sealed class OtlpOptionsValidator : IValidateOptions<OtlpOptions>
{
    public ValidateOptionsResult Validate(string? name, OtlpOptions options)
    {
        var errors = new List<string>();
        if (options.MaxItemsPerExport < 1)
            errors.Add($"{OtlpOptions.Section}:MaxItemsPerExport must be at least 1 (was {options.MaxItemsPerExport}).");
        if (options.MaxBucketsPerExport < 1)
            errors.Add($"{OtlpOptions.Section}:MaxBucketsPerExport must be at least 1 (was {options.MaxBucketsPerExport}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
