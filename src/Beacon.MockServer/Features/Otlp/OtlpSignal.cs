using Beacon.MockServer.Features.Otlp.Model;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>The three OTLP signals, each with its path, capture kind and the name of what it carries.</summary>
/// <param name="Data">The model an export of the signal decodes into.</param>
internal sealed record OtlpSignal(string Kind, string Title, Type Data, string Path, string Request, string Response, string Items)
{
    public static readonly OtlpSignal Traces = new("traces", "Traces", typeof(TracesData), "/v1/traces", "ExportTraceServiceRequest", "ExportTraceServiceResponse", "spans");

    public static readonly OtlpSignal Metrics = new("metrics", "Metrics", typeof(MetricsData), "/v1/metrics", "ExportMetricsServiceRequest", "ExportMetricsServiceResponse", "data points");

    public static readonly OtlpSignal Logs = new("logs", "Logs", typeof(LogsData), "/v1/logs", "ExportLogsServiceRequest", "ExportLogsServiceResponse", "log records");

    public static readonly IReadOnlyList<OtlpSignal> All = [Traces, Metrics, Logs];

    /// <summary>Whether a capture kind is one of the OTLP signals.</summary>
    public static bool IsOtlp(string kind) => kind is "traces" or "metrics" or "logs";
}

/// <summary>OTLP/HTTP's two encodings, named as captures record them.</summary>
internal enum OtlpEncoding
{
    Protobuf,
    Json,
}
