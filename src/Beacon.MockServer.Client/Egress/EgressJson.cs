using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Client;

/// <summary>The egress audit's types, source-generated apart from <see cref="ClientJson"/>, with the same habits.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EgressReport))]
[JsonSerializable(typeof(EgressBaseline))]
[JsonSerializable(typeof(EgressComparison))]
internal sealed partial class EgressJson : JsonSerializerContext;
