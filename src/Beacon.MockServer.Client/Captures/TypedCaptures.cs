using System.Text.Json;

namespace Beacon.MockServer.Client;

/// <summary>
/// A capture of one kind, with its payload and details typed: what <see cref="Capture.As{T}"/> and
/// <see cref="BeaconMockClient.WaitForCapturesAsync{T}"/> give.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface ITypedCapture<TSelf> where TSelf : ITypedCapture<TSelf>
{
    /// <summary>The <see cref="Capture.Kind"/> this type reads.</summary>
    static abstract string CaptureKind { get; }

    /// <summary>Reads <paramref name="capture"/>, already known to be of <see cref="CaptureKind"/>.</summary>
    static abstract TSelf From(Capture capture);

    /// <summary>The capture as recorded: status, license, headers, findings...</summary>
    Capture Capture { get; }
}

/// <summary>A license verification. <see cref="Payload"/> is null when the body was not a verify request's JSON.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">The token issued, or the refusal.</param>
public sealed record VerifyCapture(Capture Capture, VerifyRequest? Payload, VerifyDetails? Details) : ITypedCapture<VerifyCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.Verify;

    static VerifyCapture ITypedCapture<VerifyCapture>.From(Capture capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.VerifyRequest), capture.ReadDetails(ClientJson.Default.VerifyDetails));
}

/// <summary>A billing report. <see cref="Payload"/> is null when the body was not an ingest-traces request's JSON.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">How many transactions were new, which were retries, or the refusal.</param>
public sealed record IngestTracesCapture(Capture Capture, IngestTracesRequest? Payload, IngestTracesDetails? Details) : ITypedCapture<IngestTracesCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.IngestTraces;

    static IngestTracesCapture ITypedCapture<IngestTracesCapture>.From(Capture capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.IngestTracesRequest), capture.ReadDetails(ClientJson.Default.IngestTracesDetails));
}

/// <summary>A LangSmith usage snapshot.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">The refusal, if any.</param>
public sealed record UsageSnapshotCapture(Capture Capture, UsageSnapshotRequest? Payload, CaptureDetails? Details) : ITypedCapture<UsageSnapshotCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.UsageSnapshot;

    static UsageSnapshotCapture ITypedCapture<UsageSnapshotCapture>.From(Capture capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.UsageSnapshotRequest), capture.ReadDetails(ClientJson.Default.CaptureDetails));
}

/// <summary>A LangGraph metadata submission.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The body, typed.</param>
/// <param name="Details">The refusal, if any.</param>
public sealed record MetadataCapture(Capture Capture, MetadataSubmitRequest? Payload, CaptureDetails? Details) : ITypedCapture<MetadataCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.Metadata;

    static MetadataCapture ITypedCapture<MetadataCapture>.From(Capture capture) =>
        new(capture, capture.ReadPayload(ClientJson.Default.MetadataSubmitRequest), capture.ReadDetails(ClientJson.Default.CaptureDetails));
}

/// <summary>An API key check on <c>/auth</c>: it has no payload; the key is <see cref="Capture.License"/>.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Details">The refusal, if any.</param>
public sealed record AuthCapture(Capture Capture, CaptureDetails? Details) : ITypedCapture<AuthCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.Auth;

    static AuthCapture ITypedCapture<AuthCapture>.From(Capture capture) =>
        new(capture, capture.ReadDetails(ClientJson.Default.CaptureDetails));
}

/// <summary>
/// An OTLP trace export. <see cref="Payload"/> is the export as OTLP JSON, left untyped: assert on spans with
/// <see cref="BeaconMockClient.GetSpansAsync"/>, which flattens them into typed <see cref="SpanView"/> items.
/// </summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The export as OTLP JSON, with hex ids.</param>
/// <param name="Details">How much the export held, or the refusal.</param>
public sealed record TracesCapture(Capture Capture, JsonElement? Payload, OtlpDetails? Details) : ITypedCapture<TracesCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.Traces;

    static TracesCapture ITypedCapture<TracesCapture>.From(Capture capture) =>
        new(capture, capture.Payload, capture.ReadDetails(ClientJson.Default.OtlpDetails));
}

/// <summary>An OTLP metrics export; the typed items are <see cref="MetricPointView"/>s from <see cref="BeaconMockClient.GetMetricPointsAsync"/>.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The export as OTLP JSON, with hex ids.</param>
/// <param name="Details">How much the export held, or the refusal.</param>
public sealed record MetricsCapture(Capture Capture, JsonElement? Payload, OtlpDetails? Details) : ITypedCapture<MetricsCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.Metrics;

    static MetricsCapture ITypedCapture<MetricsCapture>.From(Capture capture) =>
        new(capture, capture.Payload, capture.ReadDetails(ClientJson.Default.OtlpDetails));
}

/// <summary>An OTLP logs export; the typed items are <see cref="LogRecordView"/>s from <see cref="BeaconMockClient.GetLogRecordsAsync"/>.</summary>
/// <param name="Capture">The capture as recorded.</param>
/// <param name="Payload">The export as OTLP JSON, with hex ids.</param>
/// <param name="Details">How much the export held, or the refusal.</param>
public sealed record LogsCapture(Capture Capture, JsonElement? Payload, OtlpDetails? Details) : ITypedCapture<LogsCapture>
{
    /// <inheritdoc />
    public static string CaptureKind => CaptureKinds.Logs;

    static LogsCapture ITypedCapture<LogsCapture>.From(Capture capture) =>
        new(capture, capture.Payload, capture.ReadDetails(ClientJson.Default.OtlpDetails));
}
