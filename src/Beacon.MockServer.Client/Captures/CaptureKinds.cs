namespace Beacon.MockServer.Client;

/// <summary>The values of <see cref="Capture.Kind"/>: what a request was, by its route.</summary>
public static class CaptureKinds
{
    /// <summary><c>POST /v1/beacon/verify</c>: a license exchanged for a token.</summary>
    public const string Verify = "verify";

    /// <summary><c>POST /v1/beacon/ingest-traces</c>: billable trace counts.</summary>
    public const string IngestTraces = "ingest-traces";

    /// <summary><c>POST /v1/beacon/usage-snapshot</c>: LangSmith's usage counts over a period.</summary>
    public const string UsageSnapshot = "usage-snapshot";

    /// <summary><c>POST /v1/beacon/metadata/submit</c> or <c>/v1/metadata/submit</c>: LangGraph's usage report.</summary>
    public const string Metadata = "metadata";

    /// <summary><c>GET</c> or <c>POST /auth</c>: an API key check.</summary>
    public const string Auth = "auth";

    /// <summary><c>POST /v1/beacon/v1/traces</c>: an OTLP trace export.</summary>
    public const string Traces = "traces";

    /// <summary><c>POST /v1/beacon/v1/metrics</c>: an OTLP metrics export.</summary>
    public const string Metrics = "metrics";

    /// <summary><c>POST /v1/beacon/v1/logs</c>: an OTLP logs export.</summary>
    public const string Logs = "logs";
}
