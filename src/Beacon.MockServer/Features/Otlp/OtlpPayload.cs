using System.Buffers;
using System.Text.Json;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// An export as the capture keeps it: one encoding of its bytes (<see cref="OtlpForm"/>), and the model decoded from
/// them only when someone reads it. At receipt the model decoded there is kept until the capture is stored; what a
/// reader gets from the store is decoded again, checked the same way, and so the same. Written as OTLP JSON (hex ids,
/// whichever encoding it came in) only when someone asks for the capture.
/// </summary>
internal sealed class OtlpPayload : CapturePayload
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly OtlpForm _form;
    private OtlpMessage? _data;
    private IReadOnlyList<Finding>? _findings;

    /// <summary>
    /// An export at receipt: the model decoded there, the bytes the store will keep of it, and the findings its checks
    /// made when reading those bytes back makes them again, the same (empty when it would not).
    /// </summary>
    public OtlpPayload(OtlpSignal signal, OtlpMessage data, ReadOnlyMemory<byte> bytes, OtlpForm form, IReadOnlyList<Finding> derived)
        : this(signal, bytes, form) => (_data, _findings) = (data, derived);

    private OtlpPayload(OtlpSignal signal, ReadOnlyMemory<byte> bytes, OtlpForm form) => (Signal, _bytes, _form) = (signal, bytes, form);

    public OtlpSignal Signal { get; }

    /// <summary>A <see cref="TracesData"/>, <see cref="MetricsData"/> or <see cref="LogsData"/>, as <see cref="Signal"/> says.</summary>
    public OtlpMessage Data
    {
        get
        {
            if (_data is null)
                (_data, _findings) = Decode(Signal, _bytes.ToArray(), _form);
            return _data;
        }
    }

    public override IReadOnlyList<Finding> DerivedFindings
    {
        get
        {
            if (_findings is null)
                (_data, _findings) = Decode(Signal, _bytes.ToArray(), _form);
            return _findings;
        }
    }

    public override StoredPayload Stored => new(OtlpPayloadReader.For(Signal, _form), _bytes);

    /// <summary>Whether a stored capture's payload is an export of <paramref name="signal"/>.</summary>
    public static bool Holds(PayloadReader? reader, OtlpSignal signal) => reader is OtlpPayloadReader { Signal: var held } && held == signal;

    /// <summary>Whether a stored capture's payload is an export kept as protobuf, which the views read without decoding.</summary>
    public static bool IsProtobuf(PayloadReader? reader) => reader is OtlpPayloadReader { Form: OtlpForm.Protobuf or OtlpForm.StrictProtobuf };

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

    public override bool VisitsRoles => true;

    /// <summary>
    /// The model again, from the kept bytes, and its findings: decoded, and checked as at receipt (which trims strict
    /// mode's rejections from JSON kept as it came).
    /// </summary>
    internal static (OtlpMessage Data, IReadOnlyList<Finding> Findings) Decode(OtlpSignal signal, byte[] bytes, OtlpForm form)
    {
        var inspection = new OtlpInspection(strict: form is OtlpForm.StrictJson or OtlpForm.StrictProtobuf);
        var data = signal.Decode(bytes, form is OtlpForm.Protobuf or OtlpForm.StrictProtobuf ? OtlpEncoding.Protobuf : OtlpEncoding.Json, inspection);
        return (data, inspection.Findings);
    }

    /// <summary>Reads the kept bytes of one signal in one form back into a payload: one instance each, shared by every capture.</summary>
    private sealed class OtlpPayloadReader(OtlpSignal signal, OtlpForm form) : PayloadReader
    {
        public OtlpSignal Signal => signal;

        public OtlpForm Form => form;

        private static readonly Dictionary<(OtlpSignal, OtlpForm), OtlpPayloadReader> Readers =
            OtlpSignal.All.SelectMany(s => Enum.GetValues<OtlpForm>().Select(f => (s, f))).ToDictionary(k => k, k => new OtlpPayloadReader(k.s, k.f));

        public static OtlpPayloadReader For(OtlpSignal signal, OtlpForm form) => Readers[(signal, form)];

        public override CapturePayload Read(ReadOnlyMemory<byte> bytes) => new OtlpPayload(signal, bytes, form);
    }
}

/// <summary>How a capture keeps an export's bytes.</summary>
internal enum OtlpForm
{
    /// <summary>OTLP protobuf, holding only what was accepted: the body as it arrived, or the model written as protobuf.</summary>
    Protobuf,

    /// <summary>As <see cref="Protobuf"/>, checked strictly when read (strict mode, nothing rejected), so the findings read the same.</summary>
    StrictProtobuf,

    /// <summary>OTLP JSON as it arrived, for an export protobuf cannot hold as sent (an id that is not hex); checked leniently when read.</summary>
    Json,

    /// <summary>As <see cref="Json"/>, checked strictly when read, so strict mode's rejections stay out.</summary>
    StrictJson,
}
