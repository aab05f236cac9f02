namespace Beacon.MockServer.Api;

/// <summary>
/// The paths that are the mock's own, which a deployment never calls: its API, the inspector, Swagger UI, the OpenAPI
/// document, the health check and the key set. A request to any other path no route serves is the wire's (unmatched).
/// </summary>
internal static class ReservedPaths
{
    public static readonly IReadOnlyList<string> Prefixes = ["mock", "swagger", "openapi", "healthz", "inspector", ".well-known"];

    /// <summary>The reserved first segment of <paramref name="path"/> (<c>mock</c>), <c>""</c> for the page at <c>/</c>; null for a wire path.</summary>
    public static string? SectionOf(string path)
    {
        var first = path.TrimStart('/').Split('/', 2)[0];
        if (first.Length == 0)
            return "";
        return Prefixes.FirstOrDefault(p => string.Equals(p, first, StringComparison.OrdinalIgnoreCase));
    }
}
