using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>
/// What makes the document one that every tool reads alike and that lints clean (Redocly's recommended rules):
/// one operationId per operation, the admin token always declared, the /mock routes' shared answers, no schema that
/// is never used. Each rule is generic over the routes and schemas the features register.
/// </summary>
internal static partial class OpenApiDocumentRules
{
    private const string AdminScheme = "adminToken";

    /// <summary>The document's own description: title, purpose, licence.</summary>
    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Beacon.MockServer";
        document.Info.Description = "A test double of LangChain's Beacon service: its wire endpoints, and the mock's own API under /mock.";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
        return Task.CompletedTask;
    }

    /// <summary>
    /// An endpoint mapped for several methods (<c>GET</c> and <c>POST /auth</c>) gives each operation its name: the
    /// second and later get the method after it (<c>AuthenticateApiKeyPost</c>), since a generator makes one function
    /// or type per operationId and two of a name do not compile.
    /// </summary>
    public static Task UniqueOperationIds(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var group in SchemaWalk.Operations(document).Where(o => o.Operation.OperationId is not null).GroupBy(o => o.Operation.OperationId))
        {
            foreach (var (_, method, operation) in group.Skip(1))
                operation.OperationId += Pascal(method.Method);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The admin token, declared whether or not this server sets it, so the document never changes with configuration:
    /// every /mock route takes it, or nothing (<c>[{adminToken: []}, {}]</c>); the wire routes take no admin credential
    /// (the document's <c>[{}]</c>: an empty list would not be written).
    /// Every /mock route can also answer 400 (its query is read strictly) and 401 (the token was set and not sent).
    /// </summary>
    public static Task AdminToken(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AdminScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Beacon:Admin:Token. Needed only when the server sets it: then every /mock route asks for it "
                + "(401 without it); unset, the /mock routes take requests without it.",
        };
        document.Security = [new OpenApiSecurityRequirement()];
        var token = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminScheme, document)] = [] };
        foreach (var (path, _, operation) in SchemaWalk.Operations(document).Where(o => o.Path.StartsWith(Http.AdminToken.PathPrefix + "/", StringComparison.Ordinal)))
        {
            operation.Security = [token, new OpenApiSecurityRequirement()];
            operation.Responses ??= [];
            if (!operation.Responses.ContainsKey("400"))
                operation.Responses["400"] = Problem(document, "HttpValidationProblemDetails", "A query parameter the route does not take, given twice, or of the wrong type or word.");
            if (!operation.Responses.ContainsKey("401"))
                operation.Responses["401"] = Problem(document, "ProblemDetails", "Beacon:Admin:Token is set and the request did not carry it as a bearer token.");
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A value that may be null or anything (<c>oneOf: [null, FaultBody]</c> where FaultBody is any JSON) is just
    /// anything: null matched both branches, and oneOf means exactly one.
    /// </summary>
    public static Task NullOrAnything(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        SchemaWalk.Replace(document, s => s is OpenApiSchema { OneOf: [var a, var b] } nullable
            ? IsNull(a) && IsAnything(b, schemas) ? Described(b, nullable.Description) : IsNull(b) && IsAnything(a, schemas) ? Described(a, nullable.Description) : null
            : null);
        return Task.CompletedTask;
    }

    /// <summary>Removes the component schemas nothing refers to (left behind by the transformers above), until none is left.</summary>
    public static Task RemoveUnused(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        while (schemas is not null)
        {
            var text = Serialize(document);
            var used = ReferencePattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var unused = schemas.Keys.Where(k => !used.Contains(k)).ToList();
            if (unused.Count == 0)
                break;
            foreach (var name in unused)
                schemas.Remove(name);
        }
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(OpenApiDocument document, string schema, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };

    /// <summary>The schema itself, or, to keep the place's description, a schema of nothing but it.</summary>
    private static IOpenApiSchema Described(IOpenApiSchema schema, string? description) =>
        description is null ? schema : new OpenApiSchema { AllOf = [schema], Description = description };

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };

    private static bool IsAnything(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> components)
    {
        var target = schema is OpenApiSchemaReference { Reference.Id: { } id } ? (components.TryGetValue(id, out var component) ? component : null) : schema;
        return target is OpenApiSchema { Type: null, Properties: null or { Count: 0 }, Items: null, AllOf: null or { Count: 0 },
            OneOf: null or { Count: 0 }, AnyOf: null or { Count: 0 }, Enum: null or { Count: 0 }, Not: null, Const: null };
    }

    private static string Serialize(OpenApiDocument document)
    {
        using var writer = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(writer, new OpenApiJsonWriterSettings { Terse = true }));
        return writer.ToString();
    }

    private static string Pascal(string method) => method[..1].ToUpperInvariant() + method[1..].ToLowerInvariant();

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex ReferencePattern();
}
