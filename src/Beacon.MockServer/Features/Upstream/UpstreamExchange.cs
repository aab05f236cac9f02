using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>A request passed through to the upstream Beacon: where it went, what came back and how long it took.</summary>
/// <param name="Status">The upstream's status; null when it could not be reached.</param>
/// <param name="Error">Why the upstream could not answer (unreachable, timed out); null when it did.</param>
/// <param name="Body">The upstream's response body, as JSON or as text, bounded like payloads.</param>
internal sealed record UpstreamExchange(string Url, int? Status, double DurationMs, string? Error, CapturePayload? Body);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UpstreamExchange))]
internal sealed partial class UpstreamJson : JsonSerializerContext;
