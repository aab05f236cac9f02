using System.Text.Json.Nodes;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>
/// Types a capture in the OpenAPI document by its kind: <c>Capture</c> is the base, with a discriminator on
/// <c>kind</c>, and each kind's schema (<c>VerifyCapture</c>, <c>TracesCapture</c>...) adds its <c>payload</c> (the
/// request the route reads) and <c>details</c> (what the route recorded, or a refusal), so that a generated client
/// narrows a capture by its kind. The kinds come from the features that register them.
/// </summary>
internal static class CaptureSchemas
{
    private const string Base = "Capture";

    public static async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || !schemas.TryGetValue(Base, out var found) || found is not OpenApiSchema capture)
            return;
        var kinds = context.ApplicationServices.GetServices<WireKind>().ToList();

        capture.Properties!["kind"] = Enum(kinds.Select(k => k.Name), "What the request was: the kind its route is captured as; payload and details are typed by it.");
        capture.Properties.Remove("payload");
        capture.Properties.Remove("details");
        // The fields features add (a fault rule's id, a pass-through exchange): written by a contract modifier, typed here.
        foreach (var field in context.ApplicationServices.GetServices<CaptureField>())
            capture.Properties[field.Name] = await FieldAsync(document, context, field, cancellationToken);
        capture.Discriminator = new OpenApiDiscriminator { PropertyName = "kind", Mapping = new Dictionary<string, OpenApiSchemaReference>() };
        foreach (var kind in kinds)
        {
            var name = $"{kind.Title}{Base}";
            capture.Discriminator.Mapping[kind.Name] = new OpenApiSchemaReference(name, document);
            schemas[name] = new OpenApiSchema
            {
                Description = $"A capture of kind {kind.Name}.",
                AllOf =
                [
                    new OpenApiSchemaReference(Base, document),
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["kind"] = Enum([kind.Name], null),
                            ["payload"] = Nullable(kind.Payload is null ? new OpenApiSchema() : await ComponentAsync(document, context, kind.Payload, cancellationToken),
                                kind.Payload is null ? "The body as JSON, whatever it was: this route reads none." : "The request body as JSON, as the route reads it; null when it could not be read (see payloadText)."),
                            ["details"] = Nullable(await DetailsAsync(document, context, kind, cancellationToken),
                                "What the route recorded of the request; refusal names why a credential was refused."),
                        },
                    },
                ],
            };
        }
    }

    /// <summary>The kind's details with <c>refusal</c> beside them: one object, every field optional.</summary>
    private static async Task<IOpenApiSchema> DetailsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, WireKind kind, CancellationToken cancellationToken)
    {
        var name = $"{kind.Title}Details";
        if (document.Components!.Schemas!.ContainsKey(name))
            return new OpenApiSchemaReference(name, document);
        var merged = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
        if (kind.Details is { } type && await context.GetOrCreateSchemaAsync(type, null, cancellationToken) is { Properties: { } properties })
        {
            foreach (var (property, schema) in properties)
                merged.Properties[property] = schema;
        }
        var refusals = context.ApplicationServices.GetRequiredService<ILicensePolicy>().RefusalCodes;
        merged.Properties["refusal"] = Nullable(Enum(refusals, null), "Why the license or API key was refused; absent when it was not.");
        document.Components.Schemas[name] = merged;
        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>A feature's field: a value type as itself or null; an object as its component or null.</summary>
    private static async Task<IOpenApiSchema> FieldAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CaptureField field, CancellationToken cancellationToken)
    {
        if (System.Nullable.GetUnderlyingType(field.Type) is { } value)
        {
            var schema = await context.GetOrCreateSchemaAsync(value, null, cancellationToken);
            schema.Type |= JsonSchemaType.Null;
            schema.Description = field.Description;
            return schema;
        }
        return Nullable(await ComponentAsync(document, context, field.Type, cancellationToken), field.Description);
    }

    /// <summary>The type's schema as a component of its own name, so every capture of the kind shares it.</summary>
    private static async Task<IOpenApiSchema> ComponentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        if (!document.Components!.Schemas!.ContainsKey(type.Name))
            document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>A string that is one of <paramref name="values"/>.</summary>
    public static OpenApiSchema Enum(IEnumerable<string> values, string? description) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
        Description = description,
    };

    private static OpenApiSchema Nullable(IOpenApiSchema schema, string description) => new()
    {
        OneOf = [schema, new OpenApiSchema { Type = JsonSchemaType.Null }],
        Description = description,
    };
}
