using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Client;

/// <summary>
/// Every type the client reads or writes, source-generated. Reading is lenient where the mock writes numbers as
/// strings (64-bit times) or names (NaN); unknown members are ignored, so a newer mock's additions do not break it.
/// Nulls are not written: an absent field means "not given" to the mock.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // OTLP attribute values nest up to 1,000 levels, and the mock shows them as plain JSON.
    MaxDepth = 4096)]
[JsonSerializable(typeof(CapturedRequest))]
[JsonSerializable(typeof(CaptureList))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(IngestTracesRequest))]
[JsonSerializable(typeof(UsageSnapshotRequest))]
[JsonSerializable(typeof(MetadataSubmitRequest))]
[JsonSerializable(typeof(CaptureDetails))]
[JsonSerializable(typeof(VerifyDetails))]
[JsonSerializable(typeof(IngestTracesDetails))]
[JsonSerializable(typeof(OtlpDetails))]
[JsonSerializable(typeof(OtlpList<SpanView>))]
[JsonSerializable(typeof(OtlpList<MetricPointView>))]
[JsonSerializable(typeof(OtlpList<LogRecordView>))]
[JsonSerializable(typeof(BillingList))]
[JsonSerializable(typeof(LicenseList))]
[JsonSerializable(typeof(LicenseView))]
[JsonSerializable(typeof(LicenseChange))]
[JsonSerializable(typeof(FaultRuleRequest))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(FaultRuleList))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<NearMiss>))]
// The values a license claim may hold, written by their runtime type.
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
internal sealed partial class ClientJson : JsonSerializerContext;
