using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Tokens;

/// <summary>What the token feature writes: the published key set.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JsonWebKeySetView))]
internal sealed partial class TokensJson : JsonSerializerContext;
