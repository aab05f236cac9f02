using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Capture;

/// <summary>
/// A request on a wire route, already captured. Handlers read the buffered body from it and add what
/// they learn (findings, details); the capture middleware writes that into the capture with the status.
/// </summary>
public sealed class WireRequest
{
    private readonly List<Finding> _findings = [];

    internal WireRequest(HttpContext context, CaptureEntry entry, byte[] body, object? decoded)
    {
        Context = context;
        Entry = entry;
        Body = body;
        Decoded = decoded;
    }

    public HttpContext Context { get; }

    public CaptureEntry Entry { get; }

    public long Sequence => Entry.Sequence;

    /// <summary>The body after decompression.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>What the route's <see cref="WireFormat"/> decoded at receipt.</summary>
    public object? Decoded { get; }

    /// <summary>The JSON scan of a Beacon JSON route's body.</summary>
    public JsonBodyScan Scan => Decoded is JsonBodyScan scan ? scan : default;

    /// <summary>The namespace the request was sent under (<c>/ns/{namespace}/...</c>); null for the plain routes.</summary>
    public string? Namespace => Entry.Current.Namespace;

    /// <summary>The license or API key taken from the body or headers at receipt.</summary>
    public string? License => Entry.Current.License;

    public IReadOnlyList<Finding> Findings => _findings;

    public RawJson? Details { get; private set; }

    public void AddFinding(string path, string message) => _findings.Add(new Finding(path, message));

    /// <summary>Notes each property the contract does not know: accepted, since clients add fields, but reported.</summary>
    public void ReportUnknown(string prefix, Dictionary<string, JsonElement>? unknown)
    {
        foreach (var name in unknown?.Keys ?? Enumerable.Empty<string>())
            AddFinding(JsonPath.Member(prefix, name), "unknown property; accepted and ignored");
    }

    public void SetDetails<T>(T details, JsonTypeInfo<T> typeInfo) => Details = RawJson.Serialize(details, typeInfo);

    /// <summary>Minimal APIs bind this parameter from the feature the capture middleware set.</summary>
    public static ValueTask<WireRequest?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Features.Get<WireRequest>());

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>: 415 for a content type that is not JSON, 400 naming the
    /// field for an empty, malformed or mistyped body. A missing Content-Type is tolerated and noted.
    /// </summary>
    public bool TryReadJson<T>(JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ProblemHttpResult? problem)
        where T : class
    {
        value = null;
        problem = CheckContentType();
        if (problem is not null)
            return false;
        if (Body.IsEmpty)
        {
            problem = Problems.Validation("$", "the request body is empty; send a JSON object");
            return false;
        }
        if (!Scan.IsJson)
        {
            problem = Problems.Validation("$", $"the request body is not well-formed JSON: {Scan.Error}");
            return false;
        }

        problem = StrictJson.Deserialize(Body.Span, typeInfo, out value);
        return problem is null;
    }

    private ProblemHttpResult? CheckContentType()
    {
        var header = Context.Request.ContentType;
        if (string.IsNullOrEmpty(header))
        {
            AddFinding("Content-Type", "header missing; the body was read as JSON");
            return null;
        }
        return StrictJson.CheckMediaType(header);
    }
}
