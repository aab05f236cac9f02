using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>The document's tags in reading order: what Beacon answers first, then the mock's own API.</summary>
internal static class Tags
{
    private static readonly string[] Reading = ["License", "Billing", "Usage", "Auth", "Telemetry (OTLP)", "Mock"];

    public static Task Order(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct().ToList();
        var ordered = new SortedSet<OpenApiTag>(Comparer<OpenApiTag>.Create((a, b) => Rank(a.Name).CompareTo(Rank(b.Name)) is var c and not 0 ? c : string.CompareOrdinal(a.Name, b.Name)));
        foreach (var name in used)
            ordered.Add(new OpenApiTag { Name = name });
        document.Tags = ordered;
        return Task.CompletedTask;
    }

    private static int Rank(string? name) => Array.IndexOf(Reading, name) is var i and >= 0 ? i : Reading.Length;
}
