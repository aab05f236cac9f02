using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Beacon.MockServer.Features.Inspector;

/// <summary>
/// The inspector: a page at <c>/</c> that lists captures as they arrive and shows any one in full. It reads the
/// mock's own API from the browser, so it needs nothing of its own but its files, served outside <c>/mock</c>:
/// the page must load without the admin token in order to ask for it.
/// </summary>
internal static class InspectorEndpoints
{
    public const string PagePath = "/";
    public const string AssetsPath = "/inspector";
    private const string PageAsset = "inspector.html";

    // Everything from this origin only: no inline script or style, no other host, not framed. The page builds its
    // DOM from text nodes, and sets bar widths through the CSSOM, which style-src does not govern.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // Each file compressed once (Brotli, gzip), sent in the coding the browser accepts.
    private static readonly Dictionary<string, Precompressed> Compressed = InspectorAssets.All.ToDictionary(a => a.Name, a => new Precompressed(a.Content));

    public static IEndpointRouteBuilder MapInspectorEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var asset in InspectorAssets.All)
        {
            var path = asset.Name == PageAsset ? PagePath : $"{AssetsPath}/{asset.Name}";
            app.MapGet(path, (HttpContext context) => Serve(context, asset))
                .WithName(asset.Name == PageAsset ? "Inspector" : $"InspectorAsset {asset.Name}")
                .ExcludeFromDescription();
        }
        return app;
    }

    internal static FileContentHttpResult Serve(HttpContext context, InspectorAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Always revalidated (cheaply, by ETag), so a restarted server with a new page is never mixed with old modules.
        headers.CacheControl = "no-cache";
        var (body, coding) = Compressed[asset.Name].For(context.Request);
        headers.Vary = HeaderNames.AcceptEncoding;
        if (coding is null)
            return TypedResults.Bytes(body, asset.ContentType, entityTag: asset.ETag);
        headers.ContentEncoding = coding;
        // Each coding is its own representation, with its own validator.
        return TypedResults.Bytes(body, asset.ContentType, entityTag: new EntityTagHeaderValue($"{asset.ETag.Tag.Value![..^1]}-{coding}\""));
    }
}
