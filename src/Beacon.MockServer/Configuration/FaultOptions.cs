namespace Beacon.MockServer.Configuration;

/// <summary>
/// A fault rule loaded at start (<c>Beacon:Faults:N:...</c>): the same rule as <c>POST /mock/faults</c> takes,
/// with its keys in PascalCase. Numbers are nullable so that "not set" and "set to 0" stay apart.
/// </summary>
public sealed class FaultOptions
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

public sealed class FaultMatchOptions
{
    public string? Kind { get; set; }

    public string? License { get; set; }

    public string? Namespace { get; set; }

    public string? Path { get; set; }
}

public sealed class FaultPartialSuccessOptions
{
    public int? Rejected { get; set; }

    public string? Message { get; set; }
}
