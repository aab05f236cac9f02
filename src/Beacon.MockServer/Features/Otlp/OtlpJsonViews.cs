using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>What the OTLP feature writes besides the exports themselves: a capture's details and the flattened views.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OtlpDetails))]
[JsonSerializable(typeof(OtlpList<SpanView>))]
[JsonSerializable(typeof(OtlpList<MetricPointView>))]
[JsonSerializable(typeof(OtlpList<LogView>))]
internal sealed partial class OtlpJsonViews : JsonSerializerContext;
