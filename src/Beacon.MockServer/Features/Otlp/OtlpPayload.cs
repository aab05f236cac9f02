using System.Buffers;
using System.Text.Json;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// An export as the capture keeps it: the model decoded once at receipt, which the views read as it is. Written as
/// OTLP JSON (hex ids, whichever encoding it came in) only when someone asks for the capture.
/// </summary>
internal sealed class OtlpPayload(OtlpSignal signal, OtlpMessage data, long retainedBytes) : CapturePayload
{
    public OtlpSignal Signal { get; } = signal;

    /// <summary>A <see cref="TracesData"/>, <see cref="MetricsData"/> or <see cref="LogsData"/>, as <see cref="Signal"/> says.</summary>
    public OtlpMessage Data { get; } = data;

    /// <summary>Estimated from the shape measured before decoding (<see cref="OtlpShape"/>).</summary>
    public override long RetainedBytes { get; } = retainedBytes;

    public override void WriteTo(Utf8JsonWriter writer)
    {
        // Written apart, with OTLP's own options (its depth among them), then copied in as one value.
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var own = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = OtlpJson.MaxWriteDepth, SkipValidation = true }))
        {
            Signal.WriteJson(own, Data);
        }
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Walks the model itself, in the paths its JSON would have: no JSON is written for it.</summary>
    public override void Visit(IPayloadVisitor visitor) => OtlpPayloadWalk.Walk(Data, visitor);
}
