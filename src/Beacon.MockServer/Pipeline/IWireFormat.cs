using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// How a wire route understands its body at receipt, before the capture is stored, and how it answers a request
/// it refuses. A feature brings its own: the Beacon JSON routes bind a typed request and answer problem details;
/// the OTLP routes decode an export and answer <c>google.rpc.Status</c>.
/// </summary>
internal interface IWireFormat
{
    /// <summary>Reads the body, already decompressed, once. Never throws for bad input: it returns a failure.</summary>
    WireBody Read(HttpContext context, byte[] body);

    /// <summary>The answer to a request refused before its handler ran, in the route's own error shape.</summary>
    IResult Refuse(HttpContext context, BodyFailure failure);

    /// <summary>
    /// What a capture keeps of the answer's body (<paramref name="cut"/> when only its start was held): its bytes,
    /// read when someone asks as JSON when they are, else as the start of its text. A format whose answers are binary
    /// keeps them so that they read as what they hold.
    /// </summary>
    CapturePayload? KeepAnswer(HttpResponse response, ReadOnlyMemory<byte> body, bool cut) => body.IsEmpty ? null : new KeptBody(body, cut);
}
