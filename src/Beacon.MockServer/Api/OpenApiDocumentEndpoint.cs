using System.Collections.Concurrent;
using System.Text;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>
/// Serves the OpenAPI document at <c>/openapi/v1.json</c> written compact (no indentation: a third of the indented
/// size) and compressed (<see cref="Precompressed"/>), with the request's own address as its server, so a client
/// generated from it calls the mock where it was read. Built once per address: the document does not change
/// while the server runs (nor with its configuration).
/// </summary>
internal static class OpenApiDocumentEndpoint
{
    public const string Path = "/openapi/v1.json";
    private const string DocumentName = "v1";

    /// <summary>Past this many addresses, the document is built per request rather than kept: a bound on memory.</summary>
    private const int MaxKept = 16;

    public static IEndpointConventionBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        var kept = new ConcurrentDictionary<string, Task<Precompressed>>(StringComparer.Ordinal);
        return app.MapGet(Path, async (HttpContext context) =>
        {
            var request = context.Request;
            // The scheme, host and base path, with no trailing slash: the paths that follow each begin with one.
            var server = $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
            var document = kept.Count < MaxKept || kept.ContainsKey(server)
                ? await kept.GetOrAdd(server, s => BuildAsync(context.RequestServices, s))
                : await BuildAsync(context.RequestServices, server);
            return TypedResults.Bytes(document.Negotiate(context), "application/json;charset=utf-8");
        }).ExcludeFromDescription();
    }

    private static async Task<Precompressed> BuildAsync(IServiceProvider services, string server)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName).GetOpenApiDocumentAsync();
        document.Servers = [new OpenApiServer { Url = server }];
        using var writer = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(writer, new OpenApiJsonWriterSettings { Terse = true }));
        return new Precompressed(Encoding.UTF8.GetBytes(writer.ToString()));
    }
}
