using System.Text.Json;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using InvalidProtocolBufferException = Google.Protobuf.InvalidProtocolBufferException;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// Reads an OTLP export at receipt, protobuf or JSON, into the model, once: first measures what it holds and refuses
/// what would not fit (too many items or histogram buckets, or more than one capture may keep), then decodes and checks it
/// (<see cref="OtlpInspection"/>). The capture keeps the model; the handler gets it too. A body it cannot take is
/// answered with a google.rpc.Status in the request's encoding: 415 for another Content-Type, 400 for one that does
/// not decode, 413 for one too large once measured.
/// </summary>
internal sealed class OtlpWireFormat(OtlpSignal signal) : IWireFormat
{
    /// <summary>
    /// The largest JSON export kept as protobuf. Converting builds the protobuf messages beside the model, which for the
    /// largest exports the defaults allow nearly doubles what one export holds in memory while it is read (issue 11's
    /// bound); a larger JSON export is kept as it came, which costs the store its wire size rather than about two thirds of it.
    /// </summary>
    public const int MaxConvertedJsonBytes = 1024 * 1024;

    public WireBody Read(HttpContext context, byte[] body)
    {
        var services = context.RequestServices;
        var store = services.GetRequiredService<IOptions<BeaconOptions>>().Value.Store;
        var otlp = services.GetRequiredService<IOptions<OtlpOptions>>().Value;
        WireBody Unreadable(OtlpEncoding? encoding, int status, string title, string detail) =>
            WireBody.Unreadable(body, store.MaxTextPayloadBytes, new BodyFailure(status, title, detail), encoding is { } known ? Name(known) : null);

        if (OtlpResults.EncodingOf(context.Request.ContentType) is not { } encoding)
        {
            var type = context.Request.ContentType is { Length: > 0 } sent ? $"'{sent}' is" : "A missing Content-Type is";
            return Unreadable(null, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                $"{type} not supported here; send {OtlpResults.ProtobufType} or {OtlpResults.JsonType}.");
        }

        var findings = new List<Finding>();
        OtlpShape shape;
        if (encoding == OtlpEncoding.Json)
        {
            if (body.Length == 0)
            {
                findings.Add(new Finding("$", "the body is empty; read as an empty request"));
                body = "{}"u8.ToArray();
            }
            var check = JsonBodyCheck.Run(body, OtlpJson.MaxDepth, itemArrays: OtlpShape.ItemArrays);
            if (!check.IsJson)
                return Unreadable(encoding, StatusCodes.Status400BadRequest, "Undecodable body.", $"The body is not a valid OTLP JSON {signal.Request}: {check.Error}");
            findings.AddRange(check.Duplicates.Select(d => new Finding(d, "repeats a key of its object; the last one is read, as common JSON parsers do")));
            shape = OtlpShape.Of(check);
        }
        else
        {
            // Bytes that do not hold together are left to the parser, which says why.
            shape = OtlpShape.OfProtobuf(body, signal) ?? default;
        }

        if (shape.Items > otlp.MaxItemsPerExport)
        {
            return Unreadable(encoding, StatusCodes.Status413PayloadTooLarge, "Too many items.",
                $"The export holds {shape.Items} {signal.Items}, more than {OtlpOptions.Section}:MaxItemsPerExport ({otlp.MaxItemsPerExport}) allows; send smaller batches.");
        }
        if (shape.ListScalars > otlp.MaxBucketsPerExport)
        {
            return Unreadable(encoding, StatusCodes.Status413PayloadTooLarge, "Too many histogram buckets.",
                $"The export holds {shape.ListScalars} histogram buckets (the numbers of its bucketCounts and explicitBounds lists), "
                + $"more than {OtlpOptions.Section}:MaxBucketsPerExport ({otlp.MaxBucketsPerExport}) allows; send fewer buckets or smaller batches.");
        }
        if (shape.DecodedBytes > store.MaxBytes)
        {
            return Unreadable(encoding, StatusCodes.Status413PayloadTooLarge, "Export too large once decoded.",
                $"Decoded, the export would take about {shape.DecodedBytes} bytes ({shape.Messages} messages), more than one capture may keep "
                + $"(Beacon:Store:MaxBytes, {store.MaxBytes}); send smaller batches.");
        }

        var inspection = new OtlpInspection(otlp.Strict);
        OtlpMessage data;
        try
        {
            data = signal.Decode(body, encoding, inspection);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or JsonException or InvalidOperationException)
        {
            var format = encoding == OtlpEncoding.Protobuf ? "protobuf" : "JSON";
            var why = e is InvalidProtocolBufferException && e.Message.Contains("levels of nesting", StringComparison.Ordinal)
                ? $"it nests deeper than {OtlpJson.MaxDepth} levels, the most the mock reads"
                : e.Message;
            return Unreadable(encoding, StatusCodes.Status400BadRequest, "Undecodable body.", $"The body is not a valid OTLP {format} {signal.Request}: {why}");
        }

        findings.AddRange(inspection.Findings);
        // One encoding kept: the body itself when it is protobuf and all of it was accepted, else the model as protobuf,
        // else (an id protobuf cannot hold, or a JSON body too large to convert without doubling its peak memory) the
        // JSON as it came, which a reader decodes and checks again.
        var strictly = otlp.Strict ? OtlpForm.StrictProtobuf : OtlpForm.Protobuf;
        var convert = encoding == OtlpEncoding.Protobuf || body.Length <= MaxConvertedJsonBytes;
        var (stored, form) = encoding == OtlpEncoding.Protobuf && inspection.Rejected == 0 ? (body, strictly)
            : convert && OtlpProtobufWriter.TryWrite(data) is { } protobuf ? (protobuf, strictly)
            : (body, otlp.Strict ? OtlpForm.StrictJson : OtlpForm.Json);
        // Reading the kept bytes back makes the same findings, unless they were of what protobuf does not keep (JSON's
        // unknown keys and null items) or of items strict mode left out of what is kept: those keep their text.
        var derived = form is OtlpForm.Json or OtlpForm.StrictJson || (inspection.Rejected == 0 && !(encoding == OtlpEncoding.Json && inspection.FoundInJsonOnly))
            ? inspection.Findings : [];
        var details = new OtlpDetails(inspection.Resources, inspection.Scopes, inspection.Metrics, inspection.Items, inspection.Rejected);
        return new WireBody
        {
            Encoding = Name(encoding),
            Payload = new OtlpPayload(signal, data, stored, form, derived),
            Findings = findings,
            Decoded = new OtlpExport(signal, encoding, inspection.RejectionMessage(signal.Items), details),
        };
    }

    public IResult Refuse(HttpContext context, BodyFailure failure) =>
        OtlpResults.Status(failure.Status, failure.Detail, OtlpResults.EncodingOf(context.Request.ContentType) ?? OtlpEncoding.Json);

    /// <summary>A protobuf answer (the export response, or a Status), kept as its bytes and read as its OTLP JSON.</summary>
    public CapturePayload? KeepAnswer(HttpResponse response, ReadOnlyMemory<byte> body, bool cut) =>
        !cut && OtlpResults.EncodingOf(response.ContentType) == OtlpEncoding.Protobuf
            ? new OtlpAnswer(response.StatusCode == StatusCodes.Status200OK ? signal.Answers : Protobuf.Status.Parser, body)
            : body.IsEmpty ? null : new KeptBody(body, cut);

    public static string Name(OtlpEncoding encoding) => encoding == OtlpEncoding.Protobuf ? "protobuf" : "json";
}

/// <summary>What the handler needs of a decoded export to answer it.</summary>
internal sealed record OtlpExport(OtlpSignal Signal, OtlpEncoding Encoding, string RejectionMessage, OtlpDetails Details);

/// <summary>What a capture's <c>details</c> say of an export: how much it held, and how much strict mode rejected.</summary>
/// <param name="Metrics">Metrics (for the metrics signal; 0 for the others).</param>
/// <param name="Items">Spans, data points or log records kept.</param>
internal sealed record OtlpDetails(int Resources, int Scopes, int Metrics, int Items, int Rejected);
