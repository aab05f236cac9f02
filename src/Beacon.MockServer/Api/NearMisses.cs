using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Api;

/// <summary>
/// The captures that arrived while a wait waited and did not match it, in groups of what differs: the clue to a wrong
/// kind, namespace or license, or a path no route serves, when a test's wait times out.
/// </summary>
internal static class NearMisses
{
    /// <summary>Most captures read back to find the near misses: a wait that timed out over a flood still answers at once.</summary>
    private const int MostRead = 5_000;

    /// <summary>Up to <paramref name="most"/> groups, largest first, of the captures after <paramref name="since"/> that <paramref name="filter"/> does not match.</summary>
    public static IReadOnlyList<NearMiss> Since(CaptureStore store, long since, CaptureFilter filter, int most = 5) =>
        [.. store.Scan(new CaptureFilter(After: since), newestFirst: true).Items.Take(MostRead)
            .Where(c => !filter.Matches(c))
            .GroupBy(c => (c.Kind, c.Namespace, License: c.License is null ? null : Secrets.Mask(c.License),
                Path: $"{c.Method} {c.Path}", Differs: string.Join(",", Differs(c, filter))))
            .Select(g => new NearMiss(g.Key.Kind, g.Key.Namespace, g.Key.License, g.Key.Path, g.Count(), g.Key.Differs.Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Kind, StringComparer.Ordinal)
            .Take(most)];

    /// <summary>"2 ingest-traces (POST /v1/beacon/ingest-traces) in namespace t1 (kind differs); 1 unmatched (POST /v1/v1/traces) (kind differs)".</summary>
    public static string Describe(IReadOnlyList<NearMiss> misses) =>
        string.Join("; ", misses.Select(m =>
            $"{m.Count} {m.Kind} ({m.Path}){(m.Namespace is null ? "" : $" in namespace {m.Namespace}")}"
            + $"{(m.License is null ? "" : $" with license {m.License}")} ({string.Join(" and ", m.Differs)} {(m.Differs.Count == 1 ? "differs" : "differ")})"));

    private static IEnumerable<string> Differs(StoredCapture capture, CaptureFilter filter)
    {
        if (filter.Kind is not null && filter.Kind != capture.Kind)
            yield return "kind";
        if (filter.Namespace is not null && filter.Namespace != capture.Namespace)
            yield return "namespace";
        if (filter.License is not null && filter.License != capture.License)
            yield return "license";
        if (filter.After is { } after && capture.Sequence <= after)
            yield return "after";
        if (filter.CompletedOnly && capture.Status is null)
            yield return "stage (still being answered)";
    }
}

/// <summary>A group of captures that arrived during a wait and did not match it.</summary>
/// <param name="License">The license's masked fingerprint (<c>lcl_…#9f86d081</c>), never the key.</param>
/// <param name="Path">The method and path (<c>POST /v1/v1/traces</c>): for an unmatched request, the path no route serves.</param>
/// <param name="Differs">What differs from the wait's filters: kind, namespace, license, after, stage.</param>
internal sealed record NearMiss(string Kind, string? Namespace, string? License, string Path, int Count, IReadOnlyList<string> Differs);
