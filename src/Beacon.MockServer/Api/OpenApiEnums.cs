using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

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
