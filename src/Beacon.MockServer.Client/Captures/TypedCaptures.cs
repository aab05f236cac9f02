using System.Text.Json;

namespace Beacon.MockServer.Client;

/// <summary>
/// A capture of one kind, with its payload and details typed: what <see cref="CapturedRequest.As{T}"/> and
/// <see cref="BeaconMockClient.WaitForCapturesAsync{T}"/> give.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface ITypedCapture<TSelf> where TSelf : ITypedCapture<TSelf>
{
    /// <summary>The <see cref="CapturedRequest.Kind"/> this type reads.</summary>
    static abstract CaptureKind Kind { get; }

    /// <summary>Reads <paramref name="capture"/>, already known to be of <see cref="Kind"/>.</summary>
    static abstract TSelf From(CapturedRequest capture);

    /// <summary>The capture as recorded: status, license, headers, findings...</summary>
    CapturedRequest Capture { get; }
}

/// <summary>A license verification. <see cref="Payload"/> is null when the body was not a verify request's JSON.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">The token issued, or the refusal.</param>
public sealed record VerifyCapture(CapturedRequest Capture, VerifyRequest? Payload, VerifyDetails? Details) : ITypedCapture<VerifyCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.Verify;

    static VerifyCapture ITypedCapture<VerifyCapture>.From(CapturedRequest capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.VerifyRequest), capture.ReadDetails(ClientJson.Default.VerifyDetails));
}

/// <summary>A billing report. <see cref="Payload"/> is null when the body was not an ingest-traces request's JSON.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">How many transactions were new, which were retries, or the refusal.</param>
public sealed record IngestTracesCapture(CapturedRequest Capture, IngestTracesRequest? Payload, IngestTracesDetails? Details) : ITypedCapture<IngestTracesCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.IngestTraces;

    static IngestTracesCapture ITypedCapture<IngestTracesCapture>.From(CapturedRequest capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.IngestTracesRequest), capture.ReadDetails(ClientJson.Default.IngestTracesDetails));
}

/// <summary>A LangSmith usage snapshot.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">The refusal, if any.</param>
public sealed record UsageSnapshotCapture(CapturedRequest Capture, UsageSnapshotRequest? Payload, CaptureDetails? Details) : ITypedCapture<UsageSnapshotCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.UsageSnapshot;

    static UsageSnapshotCapture ITypedCapture<UsageSnapshotCapture>.From(CapturedRequest capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.UsageSnapshotRequest), capture.ReadDetails(ClientJson.Default.CaptureDetails));
}

/// <summary>A LangGraph metadata submission.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">The refusal, if any.</param>
public sealed record MetadataCapture(CapturedRequest Capture, MetadataSubmitRequest? Payload, CaptureDetails? Details) : ITypedCapture<MetadataCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.Metadata;

    static MetadataCapture ITypedCapture<MetadataCapture>.From(CapturedRequest capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.MetadataSubmitRequest), capture.ReadDetails(ClientJson.Default.CaptureDetails));
}

/// <summary>An API key check on <c>/auth</c>: it has no payload; the key is <see cref="CapturedRequest.License"/>.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Details">The refusal, if any.</param>
public sealed record AuthCapture(CapturedRequest Capture, CaptureDetails? Details) : ITypedCapture<AuthCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.Auth;

    static AuthCapture ITypedCapture<AuthCapture>.From(CapturedRequest capture) =>
        new(capture, capture.ReadDetails(ClientJson.Default.CaptureDetails));
}

/// <summary>
/// An OTLP trace export. <see cref="Payload"/> is the export as OTLP JSON, left untyped: assert on spans with
/// <see cref="BeaconMockClient.GetSpansAsync"/>, which flattens them into typed <see cref="SpanView"/> items.
/// </summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The export as OTLP JSON, with hex ids.</param>
/// <param name="Details">How much the export held, or the refusal.</param>
public sealed record TracesCapture(CapturedRequest Capture, JsonElement? Payload, OtlpDetails? Details) : ITypedCapture<TracesCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.Traces;

    static TracesCapture ITypedCapture<TracesCapture>.From(CapturedRequest capture) =>
        new(capture, capture.Payload, capture.ReadDetails(ClientJson.Default.OtlpDetails));
}

/// <summary>An OTLP metrics export; the typed items are <see cref="MetricPointView"/>s from <see cref="BeaconMockClient.GetMetricPointsAsync"/>.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The export as OTLP JSON, with hex ids.</param>
/// <param name="Details">How much the export held, or the refusal.</param>
public sealed record MetricsCapture(CapturedRequest Capture, JsonElement? Payload, OtlpDetails? Details) : ITypedCapture<MetricsCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.Metrics;

    static MetricsCapture ITypedCapture<MetricsCapture>.From(CapturedRequest capture) =>
        new(capture, capture.Payload, capture.ReadDetails(ClientJson.Default.OtlpDetails));
}

/// <summary>An OTLP logs export; the typed items are <see cref="LogRecordView"/>s from <see cref="BeaconMockClient.GetLogRecordsAsync"/>.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The export as OTLP JSON, with hex ids.</param>
/// <param name="Details">How much the export held, or the refusal.</param>
public sealed record LogsCapture(CapturedRequest Capture, JsonElement? Payload, OtlpDetails? Details) : ITypedCapture<LogsCapture>
{
    /// <inheritdoc />
    public static CaptureKind Kind => CaptureKind.Logs;

    static LogsCapture ITypedCapture<LogsCapture>.From(CapturedRequest capture) =>
        new(capture, capture.Payload, capture.ReadDetails(ClientJson.Default.OtlpDetails));
}
