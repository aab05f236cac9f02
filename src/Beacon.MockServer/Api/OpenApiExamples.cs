namespace Beacon.MockServer.Api;

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
