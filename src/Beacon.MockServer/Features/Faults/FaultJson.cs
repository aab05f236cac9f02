using System.Text.Json.Serialization;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Faults;

/// <summary>The fault feature's JSON: a rule as posted, read strictly, rules as listed, and the fault id a capture carries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = StrictJson.MaxDepth)]
[JsonSerializable(typeof(FaultRuleRequest))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(FaultRuleList))]
[JsonSerializable(typeof(long))]
internal sealed partial class FaultJson : JsonSerializerContext;
