using System.Text.Json.Serialization;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.License;

/// <summary>The license feature's JSON: the /mock/licenses API, its bodies read strictly (names as declared, case-sensitive, numbers never from strings).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = StrictJson.MaxDepth)]
[JsonSerializable(typeof(LicenseChangeRequest))]
[JsonSerializable(typeof(LicenseView))]
[JsonSerializable(typeof(LicenseList))]
internal sealed partial class LicenseJson : JsonSerializerContext;
