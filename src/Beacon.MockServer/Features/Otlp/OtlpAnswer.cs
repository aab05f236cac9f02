using System.Text.Json;
using Beacon.MockServer.Store;
using Google.Protobuf;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// A protobuf answer the mock gave an export (its Export*ServiceResponse, or a google.rpc.Status), kept as its bytes
/// and read, when someone asks, as its OTLP JSON: so a capture shows a partial success's rejected count as text.
/// </summary>
internal sealed class OtlpAnswer(MessageParser parser, ReadOnlyMemory<byte> bytes) : CapturePayload
{
    public override StoredPayload Stored => new(Reader.For(parser), bytes);

    public override void WriteTo(Utf8JsonWriter writer)
    {
        string json;
        try
        {
            json = OtlpResults.Json.Format(parser.ParseFrom(bytes.Span));
        }
        catch (InvalidProtocolBufferException)
        {
            (TextPayload.Of(bytes.Span, bytes.Length) ?? TextPayload.FromText("")).WriteTo(writer);
            return;
        }
        writer.WriteRawValue(json, skipInputValidation: true);
    }

    private sealed class Reader(MessageParser parser) : PayloadReader
    {
        private static readonly Dictionary<MessageParser, Reader> Readers =
            OtlpSignal.All.Select(s => s.Answers).Append(Protobuf.Status.Parser).ToDictionary(p => p, p => new Reader(p));

        public static Reader For(MessageParser parser) => Readers[parser];

        public override CapturePayload Read(ReadOnlyMemory<byte> bytes) => new OtlpAnswer(parser, bytes);
    }
}
