using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// A wire route that reads nothing from its body (its credential comes in a header): the body is kept as JSON when
/// it is JSON, as text otherwise, and never refused. Errors are problem details.
/// </summary>
internal sealed class PlainWireFormat : IWireFormat
{
    public static readonly PlainWireFormat Instance = new();

    public WireBody Read(HttpContext context, byte[] body)
    {
        var payload = Keep(body, context.RequestServices.GetRequiredService<IOptions<BeaconOptions>>().Value.Store.MaxTextPayloadBytes);
        return new WireBody { Encoding = payload is JsonPayload ? "json" : null, Payload = payload };
    }

    /// <summary>A body as a capture keeps one it does not read: JSON as it is, anything else as the start of its text; null when empty.</summary>
    public static CapturePayload? Keep(ReadOnlySpan<byte> body, int maxTextBytes) =>
        body.Length > 0 && JsonBodyCheck.Run(body, StrictJson.MaxDepth).IsJson
            ? new JsonPayload(RawJson.FromValidated(body))
            : TextPayload.Of(body, maxTextBytes);

    public IResult Refuse(HttpContext context, BodyFailure failure) => failure.ToJsonAnswer();
}
