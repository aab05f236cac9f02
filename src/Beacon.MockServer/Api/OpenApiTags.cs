using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>
/// The document's tags in reading order, each with what it holds: what Beacon answers first, then the mock's own API.
/// A tag a feature uses that is not described here has no description, and the document's lint test says so.
/// </summary>
internal static class Tags
{
    private static readonly (string Name, string Description)[] Reading =
    [
        ("License", "Beacon's license verification: a license key for a short-lived JWT, and the keys that verify it."),
        ("Billing", "Beacon's billable usage: trace counts a deployment reports."),
        ("Usage", "Beacon's usage snapshots and deployment metadata."),
        ("Auth", "LangSmith's API-key check, which a LangGraph server asks."),
        ("Telemetry (OTLP)", "Beacon's OTLP/HTTP receivers for a deployment's own traces, metrics and logs."),
        ("Mock", "The mock's own API: what arrived, waits, faults, licenses at run time, health."),
    ];

    public static Task Order(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct().ToList();
        var ordered = new SortedSet<OpenApiTag>(Comparer<OpenApiTag>.Create((a, b) => Rank(a.Name).CompareTo(Rank(b.Name)) is var c and not 0 ? c : string.CompareOrdinal(a.Name, b.Name)));
        foreach (var name in used)
            ordered.Add(new OpenApiTag { Name = name, Description = Array.Find(Reading, t => t.Name == name).Description });
        document.Tags = ordered;
        return Task.CompletedTask;
    }

    private static int Rank(string? name) => Array.FindIndex(Reading, t => t.Name == name) is var i and >= 0 ? i : Reading.Length;
}
