using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>Every schema of an OpenAPI document, wherever it sits: the components and each operation's parameters, bodies and answers.</summary>
internal static class SchemaWalk
{
    /// <summary>
    /// Replaces each schema for which <paramref name="replace"/> returns another, at any depth, except inside the
    /// components <paramref name="skip"/> names. A reference is handed to it, never followed.
    /// </summary>
    public static void Replace(OpenApiDocument document, Func<IOpenApiSchema, IOpenApiSchema?> replace, Func<string, bool>? skip = null)
    {
        IOpenApiSchema Visit(IOpenApiSchema schema)
        {
            if (replace(schema) is { } replacement)
                return replacement;
            if (schema is OpenApiSchema inline)
                Children(inline, Visit);
            return schema;
        }

        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (skip?.Invoke(name) != true && schema is OpenApiSchema inline)
                Children(inline, Visit);
        }
        foreach (var media in MediaTypes(document))
        {
            if (media.Schema is { } schema)
                media.Schema = Visit(schema);
        }
    }

    /// <summary>Every schema object (not reference) in the document, each once per place it sits.</summary>
    public static IEnumerable<OpenApiSchema> All(OpenApiDocument document)
    {
        var found = new List<OpenApiSchema>();
        IOpenApiSchema Collect(IOpenApiSchema schema)
        {
            if (schema is OpenApiSchema inline)
            {
                found.Add(inline);
                Children(inline, Collect);
            }
            return schema;
        }

        foreach (var schema in document.Components?.Schemas?.Values ?? [])
            Collect(schema);
        foreach (var media in MediaTypes(document))
        {
            if (media.Schema is { } schema)
                Collect(schema);
        }
        foreach (var operation in Operations(document).Select(o => o.Operation))
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Schema is { } schema)
                    Collect(schema);
            }
        }
        return found;
    }

    /// <summary>Every operation with its path and method.</summary>
    public static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        from path in document.Paths
        from operation in path.Value.Operations ?? []
        select (path.Key, operation.Key, operation.Value);

    private static IEnumerable<OpenApiMediaType> MediaTypes(OpenApiDocument document)
    {
        foreach (var operation in Operations(document).Select(o => o.Operation))
        {
            if (operation.RequestBody?.Content is { } body)
            {
                foreach (var media in body.Values.OfType<OpenApiMediaType>())
                    yield return media;
            }
            foreach (var response in operation.Responses?.Values.AsEnumerable() ?? [])
            {
                foreach (var media in response.Content?.Values.OfType<OpenApiMediaType>() ?? [])
                    yield return media;
            }
        }
    }

    /// <summary>Hands each child schema to <paramref name="visit"/> and puts back what it returns.</summary>
    private static void Children(OpenApiSchema schema, Func<IOpenApiSchema, IOpenApiSchema> visit)
    {
        if (schema.Properties is { } properties)
        {
            foreach (var name in properties.Keys.ToList())
                properties[name] = visit(properties[name]);
        }
        if (schema.Items is { } items)
            schema.Items = visit(items);
        if (schema.AdditionalProperties is { } additional)
            schema.AdditionalProperties = visit(additional);
        foreach (var list in new[] { schema.AllOf, schema.OneOf, schema.AnyOf })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
                list![i] = visit(list[i]);
        }
    }
}
