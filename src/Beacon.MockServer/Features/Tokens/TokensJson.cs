using System.Text.Json.Serialization;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Tokens;

/// <summary>What the token feature reads and writes: the verify body, read strictly, what verify answers and records, and the published key set.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = StrictJson.MaxDepth)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(VerifyDetails))]
[JsonSerializable(typeof(JsonWebKeySetView))]
internal sealed partial class TokensJson : JsonSerializerContext;
