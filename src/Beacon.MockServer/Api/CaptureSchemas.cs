using System.Text.Json.Nodes;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>
/// Types a capture in the OpenAPI document by its kind, in the one shape that openapi-typescript, NSwag and Kiota all
/// narrow. <c>Capture</c> holds the fields every capture has, with a discriminator on <c>kind</c>; each kind's schema
/// (<c>VerifyCapture</c>, <c>TracesCapture</c>...) is <c>allOf</c> that base and its own <c>kind</c> (one value),
/// <c>payload</c> (the request the route reads) and <c>details</c> (what the route recorded, or a refusal). Wherever
/// a capture is answered (a list's items, one capture, a stream's event) the schema is
/// <c>{"oneOf": [Capture], "anyOf": [VerifyCapture, ...]}</c>: a capture is the base and at least one kind (the kinds
/// exclude each other by their <c>kind</c>). openapi-typescript makes that <c>(VerifyCapture | ...) &amp; Capture</c>, which
/// narrows on <c>kind</c>; NSwag takes a oneOf's first branch, so it types the answer as the base class and
/// deserializes each kind's subclass by the discriminator (a oneOf of the kinds would leave it no type at all); Kiota
/// gives a wrapper with one property per kind. Written inline at each use, not as a component: NSwag names a
/// referenced component of that shape after the property and never writes it. The kinds and the fields come from
/// the features that register them.
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
        var ofKind = new List<IOpenApiSchema>();
        foreach (var kind in kinds)
        {
            var name = $"{kind.Title}{Base}";
            capture.Discriminator.Mapping[kind.Name] = new OpenApiSchemaReference(name, document);
            ofKind.Add(new OpenApiSchemaReference(name, document));
            schemas[name] = new OpenApiSchema
            {
                Description = $"A capture of kind {kind.Name}.",
                AllOf =
                [
                    new OpenApiSchemaReference(Base, document),
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "kind" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["kind"] = Enum([kind.Name], null),
                            ["payload"] = kind.Payload is null
                                ? new OpenApiSchema { Description = "The body as JSON, whatever it was (null when there was none): this route reads none." }
                                : Nullable(await ComponentAsync(document, context, kind.Payload, cancellationToken),
                                    "The request body as JSON, as the route reads it; null when it could not be read (see payloadText)."),
                            ["details"] = Nullable(await DetailsAsync(document, context, kind, cancellationToken),
                                "What the route recorded of the request; refusal names why a credential was refused."),
                        },
                    },
                ],
            };
        }
        SchemaWalk.Replace(document, s => s is OpenApiSchemaReference { Reference.Id: Base }
            // The second branch matches nothing: it only keeps oneOf at two branches, since Redocly flags a oneOf of one.
            // Not {"type": "null"}: Kiota counts a typed branch, finds both a oneOf and an anyOf, and stops.
            ? new OpenApiSchema { OneOf = [new OpenApiSchemaReference(Base, document), new OpenApiSchema { Not = new OpenApiSchema() }], AnyOf = [.. ofKind] }
            : null,
            skip: name => name.EndsWith(Base, StringComparison.Ordinal) && name != Base);
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
