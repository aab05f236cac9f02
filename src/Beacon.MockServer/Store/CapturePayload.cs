using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Store;

/// <summary>
/// What a capture keeps of a request body. The store holds only its bytes (<see cref="Stored"/>) and makes the payload
/// again from them when someone reads the capture; it is written as a JSON value only when someone asks for the JSON.
/// </summary>
[JsonConverter(typeof(CapturePayloadConverter))]
internal abstract class CapturePayload
{
    /// <summary>The bytes the store keeps of this payload, and what makes the payload again from them.</summary>
    public abstract StoredPayload Stored { get; }

    /// <summary>The bytes this payload takes in a stored capture, for the store's byte cap.</summary>
    public long RetainedBytes => Stored.Bytes.Length;

    /// <summary>
    /// The findings this payload makes again, the same, when it is read back from its stored bytes (an export's
    /// checks): a stored capture need not keep their text, only where they stand among its findings.
    /// </summary>
    public virtual IReadOnlyList<Finding> DerivedFindings => [];

    /// <summary>Writes the payload as one JSON value, on one line (the NDJSON export holds one capture per line).</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The payload's JSON as UTF-8, as <see cref="WriteTo"/> writes it.</summary>
    public ReadOnlyMemory<byte> ToUtf8()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            WriteTo(writer);
        return buffer.WrittenMemory;
    }

    /// <summary>The payload's JSON text, as <see cref="WriteTo"/> writes it.</summary>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(ToUtf8().Span);

    /// <summary>
    /// Hands <paramref name="visitor"/> the payload's JSON value by value, in document order, each with its path: what a
    /// reader of every field needs (the egress audit) without the JSON being written out. A payload that keeps a decoded
    /// model may walk the model instead, in the same paths, and leave out numbers that only say when or how many
    /// (times, counts, flags). This default writes the JSON once and walks it.
    /// </summary>
    public virtual void Visit(IPayloadVisitor visitor) => JsonPayloadWalk.Walk(ToUtf8().Span, visitor);

    /// <summary>Whether <see cref="Visit"/> says what each value is (<see cref="PayloadValue.Role"/>): a walk of a decoded export does.</summary>
    public virtual bool VisitsRoles => false;
}

/// <summary>A JSON body kept as the UTF-8 text it arrived as: it costs about the wire size, where a parsed document costs several times that.</summary>
internal sealed class JsonPayload(RawJson json) : CapturePayload
{
    public RawJson Json { get; } = json;

    public override StoredPayload Stored => new(Reader.Instance, Json.Utf8);

    public override void WriteTo(Utf8JsonWriter writer) => RawJsonConverter.WriteOneLine(writer, Json.Utf8.Span);

    public override void Visit(IPayloadVisitor visitor) => JsonPayloadWalk.Walk(Json.Utf8.Span, visitor);

    private sealed class Reader : PayloadReader
    {
        public static readonly Reader Instance = new();

        public override CapturePayload Read(ReadOnlyMemory<byte> bytes) => new JsonPayload(RawJson.Over(bytes));
    }
}

/// <summary>
/// The start of a body that could not be read as its route's format, as a JSON string: its text when it is
/// UTF-8, otherwise its base64.
/// </summary>
internal sealed class TextPayload : CapturePayload
{
    private TextPayload(string text, bool base64) => (Text, IsBase64) = (text, base64);

    public string Text { get; }

    public bool IsBase64 { get; }

    public override StoredPayload Stored => new(IsBase64 ? Reader.Base64 : Reader.Plain, System.Text.Encoding.UTF8.GetBytes(Text));

    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Text);

    /// <summary>The text as one string at the root: what could not be read is still read for what it says.</summary>
    public override void Visit(IPayloadVisitor visitor) =>
        visitor.Visit(new PayloadValue(default, default, default, PayloadValueType.String, Text));

    /// <summary>Text as a capture read back from JSON holds it.</summary>
    public static TextPayload FromText(string text) => new(text, base64: false);

    /// <summary>
    /// The first <paramref name="maxBytes"/> of <paramref name="body"/>, backing off to a character boundary so
    /// that it never splits a multi-byte character; null for an empty body.
    /// </summary>
    public static TextPayload? Of(ReadOnlySpan<byte> body, int maxBytes)
    {
        if (body.IsEmpty)
            return null;
        var cut = Math.Min(body.Length, maxBytes);
        while (cut > 0 && cut < body.Length && (body[cut] & 0xC0) == 0x80)
            cut--;
        if (System.Text.Unicode.Utf8.IsValid(body[..cut]))
            return new TextPayload(System.Text.Encoding.UTF8.GetString(body[..cut]), base64: false);
        return new TextPayload(Convert.ToBase64String(body[..Math.Min(body.Length, maxBytes)]), base64: true);
    }

    private sealed class Reader(bool base64) : PayloadReader
    {
        public static readonly Reader Plain = new(base64: false);
        public static readonly Reader Base64 = new(base64: true);

        public override CapturePayload Read(ReadOnlyMemory<byte> bytes) => new TextPayload(System.Text.Encoding.UTF8.GetString(bytes.Span), base64);
    }
}

/// <summary>
/// A body kept as the bytes it was (an answer's), read only when someone asks: JSON as it is when it is JSON and
/// whole, else the start of its text. Nothing is parsed when it is kept.
/// </summary>
internal sealed class KeptBody(ReadOnlyMemory<byte> bytes, bool cut) : CapturePayload
{
    public override StoredPayload Stored => new(cut ? Reader.Cut : Reader.Whole, bytes);

    public override void WriteTo(Utf8JsonWriter writer) => Form().WriteTo(writer);

    /// <summary>What the bytes read as: JSON, or text.</summary>
    public CapturePayload Form() =>
        !cut && bytes.Length > 0 && IsJson(bytes.Span) ? new JsonPayload(RawJson.Over(bytes)) : TextPayload.Of(bytes.Span, bytes.Length) ?? TextPayload.FromText("");

    private static bool IsJson(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
            return false;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed class Reader(bool cut) : PayloadReader
    {
        public static readonly Reader Whole = new(cut: false);
        public static readonly Reader Cut = new(cut: true);

        public override CapturePayload Read(ReadOnlyMemory<byte> bytes) => new KeptBody(bytes, cut);
    }
}

/// <summary>What a stored capture keeps of a payload: bytes, and the reader that makes the payload again from them.</summary>
internal readonly record struct StoredPayload(PayloadReader Reader, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Makes a payload again from the bytes a stored capture kept of it. One instance a form, shared by every capture:
/// a stored capture holds a reference, not an object of its own.
/// </summary>
internal abstract class PayloadReader
{
    public abstract CapturePayload Read(ReadOnlyMemory<byte> bytes);
}

internal sealed class CapturePayloadConverter : JsonConverter<CapturePayload>
{
    public override CapturePayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new JsonPayload(RawJson.Read(ref reader));

    public override void Write(Utf8JsonWriter writer, CapturePayload value, JsonSerializerOptions options) => value.WriteTo(writer);
}
