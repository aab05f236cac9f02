using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// A request on a wire route, already captured. Handlers read what its format decoded (typed, through
/// <see cref="Wire{T}"/>) and the license verdict, and add what they learn (details); the pipeline writes that into
/// the capture with the status.
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

    public string Kind => Route.Kind.Name;

    /// <summary>What the route's <see cref="IWireFormat"/> decoded at receipt.</summary>
    public object? Decoded { get; }

    /// <summary>The body as it arrived on the wire, still compressed if it was: what a hook passes on unchanged.</summary>
    public ReadOnlyMemory<byte> Received { get; }

    /// <summary>The namespace the request was sent under (<c>/ns/{namespace}/...</c>); null for the plain routes.</summary>
    public string? Namespace => Entry.Stored.Namespace;

    /// <summary>
    /// What the license policy decided about the request's credential, once, before the route ran; null when it carried
    /// none (or a hook answered first). A route never sees a refused one: the pipeline answers it.
    /// </summary>
    public LicenseVerdict? License { get; internal set; }

    /// <summary>A partial success a hook asked the route to answer with, in place of its own answer.</summary>
    public PartialSuccess? PartialSuccess { get; set; }

    public RawJson? Details { get; private set; }

    /// <summary>What the route (or a hook) found worth knowing, written into the capture with its status.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    public void AddFindings(IEnumerable<Finding> findings) => _findings.AddRange(findings);

    /// <summary>Holds the answer until the capture has it; set by the pipeline.</summary>
    internal ResponseRecorder? Recorder { get; set; }

    /// <summary>
    /// Refuses the request in its route's own shape, and records why on the capture, in the answer's words; anything
    /// held of an earlier answer (a pass-through that broke off) gives way to it.
    /// </summary>
    public IResult Refuse(BodyFailure failure)
    {
        Recorder?.Discard();
        AddFindings(WireRefusals.FindingsOf(failure));
        return Route.Format.Refuse(Context, failure);
    }

    public void SetDetails<T>(T details, JsonTypeInfo<T> typeInfo) => Details = RawJson.Serialize(details, typeInfo);

    /// <summary>Minimal APIs bind this parameter, for a route that reads no body, from the request the pipeline set.</summary>
    public static ValueTask<WireRequest?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<WireRequest>());
}
