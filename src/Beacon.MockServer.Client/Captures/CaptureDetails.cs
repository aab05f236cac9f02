namespace Beacon.MockServer.Client;

/// <summary>What the endpoint made of a request, for kinds that record nothing but a refusal.</summary>
public record CaptureDetails
{
    /// <summary>Why the license or API key was refused: <c>unknown</c>, <c>expired</c> or <c>revoked</c>; null when it was not.</summary>
    public string? Refusal { get; init; }
}

/// <summary>What a verify capture records: the token it issued, or the refusal.</summary>
public sealed record VerifyDetails : CaptureDetails
{
    /// <summary>The token's <c>sub</c>: the license's configured id, else <c>license-</c> and a fingerprint of the key.</summary>
    public string? Subject { get; init; }

    /// <summary>The token's <c>jti</c>.</summary>
    public string? TokenId { get; init; }

    /// <summary>The token's <c>exp</c>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>What an ingest-traces capture records: how many transactions were new and which ids were retries.</summary>
public sealed record IngestTracesDetails : CaptureDetails
{
    /// <summary>How many transactions were billed for the first time.</summary>
    public int? InsertedCount { get; init; }

    /// <summary>The ids already billed for this license and namespace, as sent.</summary>
    public IReadOnlyList<string> DuplicateIds { get; init; } = [];
}

/// <summary>What an OTLP capture records: how much the export held.</summary>
public sealed record OtlpDetails : CaptureDetails
{
    /// <summary>How many resources (resourceSpans, resourceMetrics, resourceLogs) the export held.</summary>
    public int Resources { get; init; }

    /// <summary>How many scopes it held.</summary>
    public int Scopes { get; init; }

    /// <summary>How many metrics (metrics exports only).</summary>
    public int Metrics { get; init; }

    /// <summary>How many spans, data points or log records were kept.</summary>
    public int Items { get; init; }

    /// <summary>How many were rejected (with <c>Beacon:Otlp:Strict</c>, or by a partial-success fault).</summary>
    public int Rejected { get; init; }
}
