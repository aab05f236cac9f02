using System.Text.Json;

namespace Beacon.MockServer.Client;

/// <summary>
/// One data point of a metric, as <c>/mock/otlp/metrics</c> lists it. <see cref="Type"/> says which fields apply:
/// <see cref="Value"/> for gauge and sum; count, sum, min, max and buckets for the histograms; quantiles for summary.
/// </summary>
public sealed record MetricPointView
{
    /// <summary>The capture it arrived in.</summary>
    public long Sequence { get; init; }

    /// <summary>The metric's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The metric's unit.</summary>
    public string Unit { get; init; } = "";

    /// <summary>The metric's description.</summary>
    public string Description { get; init; } = "";

    /// <summary><c>gauge</c>, <c>sum</c>, <c>histogram</c>, <c>exponentialHistogram</c> or <c>summary</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The resource's attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Resource { get; init; } = Empty.Attributes;

    /// <summary>The instrumentation scope.</summary>
    public InstrumentationScope Scope { get; init; } = new("", "");

    /// <summary>The point's attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; init; } = Empty.Attributes;

    /// <summary>The start of the point's interval.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The start in nanoseconds since the Unix epoch.</summary>
    public ulong StartTimeUnixNano { get; init; }

    /// <summary>When the point was taken.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>When, in nanoseconds since the Unix epoch.</summary>
    public ulong TimeUnixNano { get; init; }

    /// <summary><c>delta</c>, <c>cumulative</c> or <c>unspecified</c>, for sum and the histograms.</summary>
    public string? Temporality { get; init; }

    /// <summary>Whether a sum is monotonic.</summary>
    public bool? Monotonic { get; init; }

    /// <summary>A gauge's or sum's value, whether it was sent as asDouble or asInt (NaN and infinities as sent).</summary>
    public double? Value { get; init; }

    /// <summary>The value, when sent as a double.</summary>
    public double? AsDouble { get; init; }

    /// <summary>The value, when sent as an integer.</summary>
    public long? AsInt { get; init; }

    /// <summary>A histogram's or summary's count.</summary>
    public ulong? Count { get; init; }

    /// <summary>A histogram's or summary's sum.</summary>
    public double? Sum { get; init; }

    /// <summary>A histogram's minimum.</summary>
    public double? Min { get; init; }

    /// <summary>A histogram's maximum.</summary>
    public double? Max { get; init; }

    /// <summary>An explicit-bucket histogram's counts.</summary>
    public IReadOnlyList<ulong>? BucketCounts { get; init; }

    /// <summary>An explicit-bucket histogram's bounds.</summary>
    public IReadOnlyList<double>? ExplicitBounds { get; init; }

    /// <summary>An exponential histogram's scale.</summary>
    public int? Scale { get; init; }

    /// <summary>An exponential histogram's zero count.</summary>
    public ulong? ZeroCount { get; init; }

    /// <summary>An exponential histogram's zero threshold.</summary>
    public double? ZeroThreshold { get; init; }

    /// <summary>An exponential histogram's positive buckets.</summary>
    public ExponentialBuckets? Positive { get; init; }

    /// <summary>An exponential histogram's negative buckets.</summary>
    public ExponentialBuckets? Negative { get; init; }

    /// <summary>A summary's quantiles.</summary>
    public IReadOnlyList<QuantileValue>? Quantiles { get; init; }

    /// <summary>How many exemplars the point carried.</summary>
    public int Exemplars { get; init; }
}

/// <summary>An exponential histogram's buckets: counts from bucket index <paramref name="Offset"/> upwards.</summary>
/// <param name="Offset">The index of the first bucket.</param>
/// <param name="BucketCounts">The count in each bucket, from <paramref name="Offset"/> on.</param>
public sealed record ExponentialBuckets(int Offset, IReadOnlyList<ulong> BucketCounts);

/// <summary>A summary's value at one quantile.</summary>
/// <param name="Quantile">The quantile, 0 to 1.</param>
/// <param name="Value">The value at it.</param>
public sealed record QuantileValue(double Quantile, double Value);
