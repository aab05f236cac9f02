using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Pipeline;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Wire = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// One of the three OTLP signals, carrying everything that differs between them: its path and capture kind, the names
/// of what it carries, how its export is measured (its protobuf descriptor), decoded (protobuf or JSON) and checked,
/// how its export is written as OTLP JSON, and how a success is answered. Nothing else switches on the signal.
/// </summary>
internal abstract class OtlpSignal
{
    public static readonly OtlpSignal<TracesData> Traces = new(
        new WireKind("traces", "Traces", typeof(TracesData), typeof(OtlpDetails), AnswersPartialSuccess: true),
        "/v1/traces", "ExportTraceServiceRequest", "ExportTraceServiceResponse", "spans",
        Wire.ExportTraceServiceRequest.Descriptor, Wire.ExportTraceServiceResponse.Parser, OtlpProtobuf.ReadTraces, OtlpJson.Traces, (inspection, data) => inspection.Check(data),
        (rejected, message) => new Wire.ExportTraceServiceResponse { PartialSuccess = Partial(rejected, message) ? new() { RejectedSpans = rejected, ErrorMessage = message } : null });

    public static readonly OtlpSignal<MetricsData> Metrics = new(
        new WireKind("metrics", "Metrics", typeof(MetricsData), typeof(OtlpDetails), AnswersPartialSuccess: true),
        "/v1/metrics", "ExportMetricsServiceRequest", "ExportMetricsServiceResponse", "data points",
        Wire.ExportMetricsServiceRequest.Descriptor, Wire.ExportMetricsServiceResponse.Parser, OtlpProtobuf.ReadMetrics, OtlpJson.Metrics, (inspection, data) => inspection.Check(data),
        (rejected, message) => new Wire.ExportMetricsServiceResponse { PartialSuccess = Partial(rejected, message) ? new() { RejectedDataPoints = rejected, ErrorMessage = message } : null });

    public static readonly OtlpSignal<LogsData> Logs = new(
        new WireKind("logs", "Logs", typeof(LogsData), typeof(OtlpDetails), AnswersPartialSuccess: true),
        "/v1/logs", "ExportLogsServiceRequest", "ExportLogsServiceResponse", "log records",
        Wire.ExportLogsServiceRequest.Descriptor, Wire.ExportLogsServiceResponse.Parser, OtlpProtobuf.ReadLogs, OtlpJson.Logs, (inspection, data) => inspection.Check(data),
        (rejected, message) => new Wire.ExportLogsServiceResponse { PartialSuccess = Partial(rejected, message) ? new() { RejectedLogRecords = rejected, ErrorMessage = message } : null });

    public static readonly IReadOnlyList<OtlpSignal> All = [Traces, Metrics, Logs];

    protected OtlpSignal(WireKind kind, string path, string request, string response, string items, MessageDescriptor descriptor, MessageParser answers)
    {
        Answers = answers;
        Kind = kind;
        Path = path;
        Request = request;
        Response = response;
        Items = items;
        Descriptor = descriptor;
    }

    /// <summary>The capture kind its exports are recorded as.</summary>
    public WireKind Kind { get; }

    /// <summary>OTLP's path for the signal, under the route group: <c>/v1/traces</c>.</summary>
    public string Path { get; }

    /// <summary>The export request's message name, for messages: <c>ExportTraceServiceRequest</c>.</summary>
    public string Request { get; }

    /// <summary>The export response's message name.</summary>
    public string Response { get; }

    /// <summary>What an export holds, plural, for messages: spans, data points, log records.</summary>
    public string Items { get; }

    /// <summary>The export request's protobuf descriptor, which its shape is measured by before it is decoded.</summary>
    public MessageDescriptor Descriptor { get; }

    /// <summary>Reads the export response back, so a capture can show a protobuf answer as its JSON.</summary>
    public MessageParser Answers { get; }

    /// <summary>
    /// Decodes an export in <paramref name="encoding"/> into the model and checks it. Throws
    /// <see cref="InvalidProtocolBufferException"/>, <see cref="JsonException"/> or <see cref="InvalidOperationException"/>
    /// for a body that does not decode.
    /// </summary>
    public abstract OtlpMessage Decode(byte[] body, OtlpEncoding encoding, OtlpInspection inspection);

    /// <summary>The export response: partial success set when something was rejected, or (OTLP's warning) when there is a message.</summary>
    public abstract IMessage Answer(int rejected, string message);

    /// <summary>Writes a decoded export as OTLP JSON, with OTLP's own options.</summary>
    public abstract void WriteJson(Utf8JsonWriter writer, OtlpMessage data);

    private static bool Partial(int rejected, string message) => rejected > 0 || message.Length > 0;
}

/// <summary>A signal whose exports decode into <typeparamref name="TData"/>.</summary>
internal sealed class OtlpSignal<TData>(
    WireKind kind, string path, string request, string response, string items, MessageDescriptor descriptor, MessageParser answers,
    Func<byte[], TData> protobuf, JsonTypeInfo<TData> json, Action<OtlpInspection, TData> check, Func<int, string, IMessage> answer)
    : OtlpSignal(kind, path, request, response, items, descriptor, answers)
    where TData : OtlpMessage
{
    public override OtlpMessage Decode(byte[] body, OtlpEncoding encoding, OtlpInspection inspection)
    {
        var data = encoding == OtlpEncoding.Protobuf
            ? protobuf(body)
            : JsonSerializer.Deserialize(body, json) ?? throw new JsonException("the body is null; send a JSON object.");
        check(inspection, data);
        return data;
    }

    public override IMessage Answer(int rejected, string message) => answer(rejected, message);

    public override void WriteJson(Utf8JsonWriter writer, OtlpMessage data) => JsonSerializer.Serialize(writer, (TData)data, json);
}

/// <summary>OTLP/HTTP's two encodings, named as captures record them.</summary>
internal enum OtlpEncoding
{
    Protobuf,
    Json,
}
