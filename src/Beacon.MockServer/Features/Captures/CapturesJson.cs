using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Captures;

/// <summary>What the capture API writes besides captures themselves: its lists and the health answer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CaptureList))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(MockInfo))]
internal sealed partial class CapturesJson : JsonSerializerContext;
