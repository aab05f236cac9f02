using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Beacon.MockServer.Features.Inspector;

/// <summary>One file of the inspector page, read once from the server's own assembly.</summary>
internal sealed record InspectorAsset(string Name, byte[] Content, string ContentType, EntityTagHeaderValue ETag);

/// <summary>
/// The inspector's HTML, CSS and JavaScript, embedded in the server assembly (as the documented samples are), so
/// the page works offline, from <c>dotnet run</c>, a <c>dotnet publish</c> output and the Docker image alike.
/// </summary>
internal static class InspectorAssets
{
    /// <summary>The prefix the project file gives each asset's resource name.</summary>
    private const string ResourcePrefix = "Inspector.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    /// <summary>Every asset, by file name (<c>inspector.html</c>, <c>app.js</c>...).</summary>
    public static IReadOnlyList<InspectorAsset> All { get; } = Load();

    /// <summary>The bytes of every asset together: what a browser downloads to show the page.</summary>
    public static long TotalBytes => All.Sum(a => (long)a.Content.Length);

    private static InspectorAsset[] Load()
    {
        var assembly = typeof(InspectorAssets).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(resource =>
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var content = buffer.ToArray();
                var name = resource[ResourcePrefix.Length..];
                // A strong validator from the content: a browser revalidates and gets a 304 until the server changes.
                var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
                return new InspectorAsset(name, content, ContentTypes[Path.GetExtension(name)], tag);
            })];
    }
}
