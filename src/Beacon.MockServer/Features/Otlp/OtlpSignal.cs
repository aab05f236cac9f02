using Beacon.MockServer.Capture;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>The three OTLP signals, each with its path, capture kind and the name of what it carries.</summary>
public sealed record OtlpSignal(string Kind, string Path, string Request, string Response, string Items)
{
    public static readonly OtlpSignal Traces = new(CaptureKinds.Traces, "/v1/traces", "ExportTraceServiceRequest", "ExportTraceServiceResponse", "spans");

    public static readonly OtlpSignal Metrics = new(CaptureKinds.Metrics, "/v1/metrics", "ExportMetricsServiceRequest", "ExportMetricsServiceResponse", "data points");

    public static readonly OtlpSignal Logs = new(CaptureKinds.Logs, "/v1/logs", "ExportLogsServiceRequest", "ExportLogsServiceResponse", "log records");
}

/// <summary>OTLP/HTTP's two encodings, named as captures record them.</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}
