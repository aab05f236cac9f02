using Beacon.MockServer.Capture;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>The three OTLP signals, each with its path, capture kind and the name of what it carries.</summary>
public sealed record OtlpSignal(string Kind, string Path, string Request, string Items, string RejectedField)
{
    public static readonly OtlpSignal Traces = new(CaptureKinds.Traces, "/v1/traces", "ExportTraceServiceRequest", "spans", "rejectedSpans");

    public static readonly OtlpSignal Metrics = new(CaptureKinds.Metrics, "/v1/metrics", "ExportMetricsServiceRequest", "data points", "rejectedDataPoints");

    public static readonly OtlpSignal Logs = new(CaptureKinds.Logs, "/v1/logs", "ExportLogsServiceRequest", "log records", "rejectedLogRecords");
}

/// <summary>OTLP/HTTP's two encodings, named as captures record them.</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}
