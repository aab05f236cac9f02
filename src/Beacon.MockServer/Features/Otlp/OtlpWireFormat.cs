using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Capture;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using InvalidProtocolBufferException = Google.Protobuf.InvalidProtocolBufferException;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// Reads an OTLP export at receipt, protobuf or JSON, into the model; checks it (<see cref="OtlpInspection"/>)
/// and keeps it in the capture as OTLP JSON with hex ids. A body it cannot take is answered with a
/// google.rpc.Status in the request's encoding: 415 for another Content-Type, 400 for one that does not decode.
/// </summary>
public sealed class OtlpWireFormat(OtlpSignal signal) : WireFormat
{
    /// <remarks>The license is left to the capture middleware, which takes it from X-Langchain-License-Key.</remarks>
    public override WireBody Read(HttpContext context, byte[] body, BeaconOptions options)
    {
        if (OtlpResults.EncodingOf(context.Request.ContentType) is not { } encoding)
        {
            var type = context.Request.ContentType is { Length: > 0 } sent ? $"'{sent}' is" : "A missing Content-Type is";
            return Unreadable(body, options, null, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"{type} not supported here; send {OtlpResults.ProtobufType} or {OtlpResults.JsonType}.");
        }

        var inspection = new OtlpInspection(options.Otlp.Strict);
        var findings = new List<Finding>();
        RawJson payload;
        try
        {
            if (encoding == OtlpEncoding.Json && body.Length == 0)
            {
                findings.Add(new Finding("$", "the body is empty; read as an empty request"));
                body = "{}"u8.ToArray();
            }
            if (encoding == OtlpEncoding.Json && !System.Text.Unicode.Utf8.IsValid(body))
                return Unreadable(body, options, encoding, StatusCodes.Status400BadRequest, "Undecodable body.",
                    $"The body is not a valid OTLP JSON {signal.Request}: it is not valid UTF-8.");

            payload = signal.Kind switch
            {
                CaptureKinds.Traces => Decode(body, encoding, OtlpProtobuf.ReadTraces, OtlpJson.Traces, inspection.Check),
                CaptureKinds.Metrics => Decode(body, encoding, OtlpProtobuf.ReadMetrics, OtlpJson.Metrics, inspection.Check),
                _ => Decode(body, encoding, OtlpProtobuf.ReadLogs, OtlpJson.Logs, inspection.Check),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or JsonException or InvalidOperationException)
        {
            var format = encoding == OtlpEncoding.Protobuf ? "protobuf" : "JSON";
            return Unreadable(body, options, encoding, StatusCodes.Status400BadRequest, "Undecodable body.",
                $"The body is not a valid OTLP {format} {signal.Request}: {e.Message}");
        }

        findings.AddRange(inspection.Findings);
        return new WireBody
        {
            Encoding = Name(encoding),
            Payload = payload,
            Findings = findings,
            Decoded = new OtlpExport(signal, encoding, inspection.RejectionMessage(signal.Items),
                new OtlpDetails(inspection.Resources, inspection.Scopes, inspection.Metrics, inspection.Items, inspection.Rejected)),
        };
    }

    public override IResult Refuse(HttpContext context, BodyFailure failure) =>
        OtlpResults.Status(failure.Status, failure.Detail, OtlpResults.EncodingOf(context.Request.ContentType) ?? OtlpEncoding.Json);

    public static string Name(OtlpEncoding encoding) => encoding == OtlpEncoding.Protobuf ? "protobuf" : "json";

    private static RawJson Decode<T>(byte[] body, OtlpEncoding encoding, Func<byte[], T> protobuf, JsonTypeInfo<T> json, Action<T> check)
        where T : class
    {
        var data = encoding == OtlpEncoding.Protobuf
            ? protobuf(body)
            : JsonSerializer.Deserialize(body, json) ?? throw new JsonException("the body is null; send a JSON object.");
        check(data);
        return RawJson.Serialize(data, json);
    }

    private static WireBody Unreadable(byte[] body, BeaconOptions options, OtlpEncoding? encoding, int status, string title, string detail) =>
        WireBody.Unreadable(body, options.Store.MaxTextPayloadBytes, new BodyFailure(status, title, detail), encoding is { } known ? Name(known) : null);
}

/// <summary>What the handler needs of a decoded export to answer it.</summary>
public sealed record OtlpExport(OtlpSignal Signal, OtlpEncoding Encoding, string RejectionMessage, OtlpDetails Details);

/// <summary>What a capture's <c>details</c> say of an export: how much it held, and how much strict mode rejected.</summary>
/// <param name="Metrics">Metrics (for the metrics signal; 0 for the others).</param>
/// <param name="Items">Spans, data points or log records kept.</param>
public sealed record OtlpDetails(int Resources, int Scopes, int Metrics, int Items, int Rejected);
