using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>What the kernel itself writes: captures, and the refusal a capture records. Features bring their own contexts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Capture))]
[JsonSerializable(typeof(RefusalDetails))]
[JsonSerializable(typeof(CaptureStoreStats))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class KernelJson : JsonSerializerContext;
