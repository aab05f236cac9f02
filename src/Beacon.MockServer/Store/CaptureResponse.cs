namespace Beacon.MockServer.Store;

/// <summary>What the mock answered a wire request: so a refusal shows its problem, a verify its token, a fault its body.</summary>
/// <param name="Headers">The answer's headers that matter to a client: Content-Type, Retry-After, Location, WWW-Authenticate.</param>
/// <param name="Body">The answer's body: JSON as sent, else the start of its text (an OTLP protobuf answer as its JSON), bounded like payloads; null when empty.</param>
/// <param name="DurationMs">From receipt to the answer, by the mock's clock.</param>
internal sealed record CaptureResponse(int Status, IReadOnlyDictionary<string, string> Headers, CapturePayload? Body, double DurationMs)
;
