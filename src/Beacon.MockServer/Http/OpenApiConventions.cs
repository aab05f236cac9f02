using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Http;

/// <summary>The /mock parameters that take a word from a list are enums in the OpenAPI document, as the server reads them.</summary>
internal static class MockParameters
{
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            var words = parameter.Name == "kind"
                ? context.ApplicationServices.GetServices<WireKind>().Select(k => k.Name)
                : StrictQuery.Words.GetValueOrDefault(parameter.Name ?? "");
            if (words is not null)
                parameter.Schema = CaptureSchemas.Enum(words, null);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Every string property named <c>kind</c> in the mock's schemas (a capture's, a fault rule's match) is a capture kind.</summary>
internal static class KindSchemas
{
    public static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Properties?.TryGetValue("kind", out var kind) == true && kind is OpenApiSchema { Type: { } type } && type.HasFlag(JsonSchemaType.String))
        {
            var kinds = context.ApplicationServices.GetServices<WireKind>().Select(k => k.Name).ToList();
            schema.Properties["kind"] = type.HasFlag(JsonSchemaType.Null)
                ? new OpenApiSchema { OneOf = [CaptureSchemas.Enum(kinds, null), new OpenApiSchema { Type = JsonSchemaType.Null }], Description = kind.Description }
                : CaptureSchemas.Enum(kinds, kind.Description);
        }
        return Task.CompletedTask;
    }
}

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

/// <summary>An example beside a route's success answer in the OpenAPI document, shown by Swagger UI.</summary>
internal static class OpenApiExamples
{
    public static TBuilder WithExample<TBuilder>(this TBuilder builder, string json, string status = "200")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.GetValueOrDefault(status)?.Content is { } content)
            {
                foreach (var media in content.Values)
                    media.Example = System.Text.Json.Nodes.JsonNode.Parse(json);
            }
            return Task.CompletedTask;
        });

    /// <summary>A verify capture, finished, as the capture routes answer it.</summary>
    public const string Capture = """
        {"sequence": 7, "kind": "verify", "receivedAt": "2026-01-06T10:00:00+00:00", "method": "POST", "path": "/v1/beacon/verify",
         "namespace": null, "query": null, "headers": {"Content-Type": "application/json", "User-Agent": "python-httpx/0.27.0"},
         "license": "lcl_demo", "bodyBytes": 22, "encoding": "json", "compression": null, "decodedBytes": 22, "faultId": null,
         "status": 200, "findings": [], "findingsDropped": 0, "payload": {"license": "lcl_demo"}, "payloadText": null,
         "details": {"subject": "license-2a97516c354b6884", "tokenId": "5f2b1a0e-3c1d-4f6e-9a8b-7c6d5e4f3a2b", "expiresAt": "2026-01-06T10:05:00+00:00"},
         "upstream": null}
        """;
}
