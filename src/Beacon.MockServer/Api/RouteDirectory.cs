using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Beacon.MockServer.Api;

/// <summary>
/// The routes this server answers, as a client would write them (<c>POST /v1/beacon/v1/traces</c>): for a request no
/// route took, which routes are nearest, which one it would have been with another method, and which path value
/// broke its route's constraint (<c>/mock/captures/abc</c>).
/// </summary>
internal sealed class RouteDirectory(EndpointDataSource endpoints)
{
    private IReadOnlyList<KnownRoute>? _routes;

    /// <summary>Every route with a method and a pattern, fallbacks (catch-alls) left out.</summary>
    public IReadOnlyList<KnownRoute> Routes => _routes ??= [.. endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } && !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
        .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => new KnownRoute(m, e.RoutePattern, e)))
        .DistinctBy(r => (r.Method, r.Path))];

    /// <summary>The routes whose path matches <paramref name="path"/> with every constraint ignored; for each, the parameters whose constraint failed.</summary>
    public IEnumerable<(KnownRoute Route, IReadOnlyList<(string Name, string Value, string Constraint)> Broken)> Matching(string path, Func<KnownRoute, bool> among)
    {
        var segments = Segments(path);
        foreach (var route in Routes.Where(among))
        {
            if (Match(route.Pattern, segments) is { } broken)
                yield return (route, broken);
        }
    }

    /// <summary>
    /// The routes nearest to <paramref name="method"/> <paramref name="path"/>, nearest first: by the edits between the
    /// paths, a route that takes the method ranked ahead of one that does not; at most <paramref name="most"/>.
    /// </summary>
    public IReadOnlyList<KnownRoute> Nearest(string method, string path, Func<KnownRoute, bool> among, int most = 3)
    {
        var ranked = Routes.Where(among)
            .Select(r => (Route: r, Distance: Configuration.Nearest.Distance(path.TrimEnd('/'), r.Path) + (string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) ? 0 : 2)))
            .OrderBy(r => r.Distance).ThenBy(r => r.Route.Path, StringComparer.Ordinal).ToList();
        if (ranked.Count == 0)
            return [];
        // Those about as near as the nearest, and no further than half their length: a far guess would only mislead.
        var limit = ranked[0].Distance + 3;
        return [.. ranked.TakeWhile(r => r.Distance <= limit).Where(r => r.Distance <= Math.Max(path.Length, r.Route.Path.Length) / 2)
            .Take(most).Select(r => r.Route)];
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The parameters whose constraints fail, when every literal part matches; null when the path is not this route's.</summary>
    private static List<(string, string, string)>? Match(RoutePattern pattern, string[] segments)
    {
        if (pattern.PathSegments.Count != segments.Length)
            return null;
        var broken = new List<(string, string, string)>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = Uri.UnescapeDataString(segments[i]);
            // A segment of parts ({documentName}.json) is read as a pattern of its own; a plain one compared as it is.
            var parts = pattern.PathSegments[i].Parts;
            var regex = "^" + string.Concat(parts.Select(p => p switch
            {
                RoutePatternLiteralPart literal => Regex.Escape(literal.Content),
                RoutePatternSeparatorPart separator => Regex.Escape(separator.Content),
                RoutePatternParameterPart parameter => $"(?<{parameter.Name}>.+?)",
                _ => "",
            })) + "$";
            var match = Regex.Match(segment, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            if (!match.Success)
                return null;
            foreach (var parameter in parts.OfType<RoutePatternParameterPart>())
            {
                var value = match.Groups[parameter.Name].Value;
                foreach (var policy in parameter.ParameterPolicies.Select(p => p.Content).OfType<string>())
                {
                    if (!Satisfies(policy, value))
                        broken.Add((parameter.Name, value, policy));
                }
            }
        }
        return broken;
    }

    private static bool Satisfies(string constraint, string value) => constraint switch
    {
        "long" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "int" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        _ => true,
    };
}

/// <summary>One route, one method: what a client would write to call it.</summary>
internal sealed record KnownRoute(string Method, RoutePattern Pattern, Endpoint Endpoint)
{
    /// <summary>The path as a client reads it: <c>/mock/captures/{sequence}</c>, constraints left out.</summary>
    public string Path { get; } = "/" + string.Join('/', Pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => "",
    }))));

    public override string ToString() => $"{Method} {Path}";
}
