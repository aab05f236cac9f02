using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// A request on a wire route, already captured. Handlers read what its format decoded, and add what they learn
/// (findings, details); the pipeline writes that into the capture with the status.
/// </summary>
internal sealed class WireRequest
{
    private readonly List<Finding> _findings = [];

    internal WireRequest(HttpContext context, WireRoute route, CaptureEntry entry, object? decoded, ReadOnlyMemory<byte> received)
    {
        Context = context;
        Route = route;
        Entry = entry;
        Decoded = decoded;
        Received = received;
    }

    public HttpContext Context { get; }

    public WireRoute Route { get; }

    public CaptureEntry Entry { get; }

    public long Sequence => Entry.Sequence;

    public string Kind => Route.Kind;

    /// <summary>What the route's <see cref="IWireFormat"/> decoded at receipt.</summary>
    public object? Decoded { get; }

    /// <summary>The body as it arrived on the wire, still compressed if it was: what a hook passes on unchanged.</summary>
    public ReadOnlyMemory<byte> Received { get; }

    /// <summary>The namespace the request was sent under (<c>/ns/{namespace}/...</c>); null for the plain routes.</summary>
    public string? Namespace => Entry.Current.Namespace;

    /// <summary>The license or API key the capture recorded: the one the route reads.</summary>
    public string? License => Entry.Current.License;

    public IReadOnlyList<Finding> Findings => _findings;

    public RawJson? Details { get; private set; }

    public void AddFinding(string path, string message) => _findings.Add(new Finding(path, message));

    public void SetDetails<T>(T details, JsonTypeInfo<T> typeInfo) => Details = RawJson.Serialize(details, typeInfo);

    /// <summary>Writes a refused credential into the capture's details.</summary>
    public void RecordRefusal(LicenseVerdict verdict) =>
        SetDetails(new RefusalDetails(verdict.RefusalCode!), KernelJson.Default.RefusalDetails);

    /// <summary>Minimal APIs bind this parameter from the feature the pipeline set.</summary>
    public static ValueTask<WireRequest?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Features.Get<WireRequest>());

    /// <summary>Notes each property a contract does not know: accepted, since clients add fields, but reported.</summary>
    public static void ReportUnknown(List<Finding> findings, string prefix, Dictionary<string, JsonElement>? unknown)
    {
        foreach (var name in unknown?.Keys ?? Enumerable.Empty<string>())
            findings.Add(new Finding(JsonPath.Member(prefix, name), "unknown property; accepted and ignored"));
    }
}
