using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Http;

/// <summary>The request samples from Beacon's documentation, shipped with the server as embedded resources.</summary>
internal static class DocumentedSamples
{
    /// <summary>The sample's text exactly as documented, for example <c>Read("verify-request")</c>.</summary>
    public static string Read(string name)
    {
        using var stream = typeof(DocumentedSamples).Assembly.GetManifestResourceStream($"Samples.{name}.json")
            ?? throw new ArgumentException($"No documented sample is named '{name}'.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Documents the JSON body with the documented sample as its example, and the problems every JSON
    /// wire route can answer (400, 403 for a refused license, 413, 415). Written into the OpenAPI
    /// operation directly rather than with <c>Accepts</c>: that metadata also makes routing answer a wrong
    /// Content-Type itself, before the request is captured.
    /// </summary>
    public static RouteHandlerBuilder AcceptsDocumentedSample<TRequest>(this RouteHandlerBuilder builder, string sample)
        where TRequest : notnull
    {
        var example = JsonNode.Parse(Read(sample));
        return builder
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(TRequest), null, cancellationToken);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = schema, Example = example?.DeepClone() },
                    },
                };
            });
    }
}
