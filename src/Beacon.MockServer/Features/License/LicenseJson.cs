using System.Text.Json.Serialization;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.License;

/// <summary>
/// The license feature's JSON: the verify body, read strictly (names as declared, case-sensitive, numbers never
/// from strings), what verify answers and records, and the /mock/licenses API.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = StrictJson.MaxDepth)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(VerifyDetails))]
[JsonSerializable(typeof(LicenseChangeRequest))]
[JsonSerializable(typeof(LicenseView))]
[JsonSerializable(typeof(LicenseList))]
internal sealed partial class LicenseJson : JsonSerializerContext;
