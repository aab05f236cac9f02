using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Features.Auth;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Features.Tokens;
using Beacon.MockServer.Features.Usage;

namespace Beacon.MockServer.Capture;

/// <summary>
/// Reads wire request bodies strictly: property names are case-sensitive and numbers are never
/// read from strings, so a client that sends what the real Beacon would refuse is told so.
/// </summary>
[JsonSourceGenerationOptions(MaxDepth = Http.JsonBodyScan.MaxDepth)]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(IngestTracesRequest))]
[JsonSerializable(typeof(UsageSnapshotRequest))]
[JsonSerializable(typeof(MetadataSubmitRequest))]
[JsonSerializable(typeof(LicenseChangeRequest))]
[JsonSerializable(typeof(FaultRuleRequest))]
public sealed partial class WireJson : JsonSerializerContext;

/// <summary>Everything the server writes: wire responses (their names fixed by attributes) and the mock's camelCase API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(VerifyDetails))]
[JsonSerializable(typeof(IngestTracesResponse))]
[JsonSerializable(typeof(IngestDetails))]
[JsonSerializable(typeof(UsageSnapshotResponse))]
[JsonSerializable(typeof(RefusalDetails))]
[JsonSerializable(typeof(OtlpDetails))]
[JsonSerializable(typeof(OtlpList<SpanView>))]
[JsonSerializable(typeof(OtlpList<MetricPointView>))]
[JsonSerializable(typeof(OtlpList<LogView>))]
[JsonSerializable(typeof(AuthResponse))]
[JsonSerializable(typeof(JsonWebKeySetView))]
[JsonSerializable(typeof(Capture))]
[JsonSerializable(typeof(CaptureList))]
[JsonSerializable(typeof(BillingView))]
[JsonSerializable(typeof(IReadOnlyList<LicenseView>))]
[JsonSerializable(typeof(LicenseView))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(FaultRuleList))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class CaptureJson : JsonSerializerContext;
