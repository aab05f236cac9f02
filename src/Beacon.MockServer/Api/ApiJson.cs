using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Api;

/// <summary>What the /mock API's shared answers carry beside a problem's detail: near misses, the routes nearest, the filters given.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<NearMiss>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ApiJson : JsonSerializerContext;
