using System.Text.Json.Serialization;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Egress;

/// <summary>The egress audit's JSON: the report, the baseline and a comparison, and the contract file it reads at start.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = StrictJson.MaxDepth)]
[JsonSerializable(typeof(EgressReport))]
[JsonSerializable(typeof(EgressBaseline))]
[JsonSerializable(typeof(EgressComparison))]
[JsonSerializable(typeof(ContractFile))]
internal sealed partial class EgressJson : JsonSerializerContext;
