using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Api;

/// <summary>
/// Schemas that say what System.Text.Json really reads and writes where the generated schema does not.
/// </summary>
internal static class JsonSchemas
{
    /// <summary>
    /// A property whose number handling writes it as a string (OTLP JSON's 64-bit integers: <c>intValue</c>,
    /// <c>asInt</c>, <c>timeUnixNano</c>, <c>count</c>, <c>bucketCounts</c>...) is a decimal string, as the server writes
    /// it; where it also reads numbers, a JSON number is accepted too. Written as <c>oneOf</c> with the string first:
    /// TypeScript gets <c>string | number</c>, and NSwag, which takes a oneOf's first branch, a string.
    /// </summary>
    public static Task NumbersAsStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(JsonNumberHandlingAttribute), true) is not [JsonNumberHandlingAttribute attribute, ..]
            || !attribute.Handling.HasFlag(JsonNumberHandling.WriteAsString))
            return Task.CompletedTask;
        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        if (target.Type is not { } type || !type.HasFlag(JsonSchemaType.Integer))
            return Task.CompletedTask;
        var unsigned = target.Format is "uint64" or "uint32";
        var reads = attribute.Handling.HasFlag(JsonNumberHandling.AllowReadingFromString);
        List<IOpenApiSchema> branches =
        [
            new OpenApiSchema { Type = JsonSchemaType.String, Pattern = unsigned ? "^[0-9]+$" : "^-?[0-9]+$" },
            new OpenApiSchema { Type = JsonSchemaType.Integer, Format = target.Format },
        ];
        if (type.HasFlag(JsonSchemaType.Null))
            branches.Add(new OpenApiSchema { Type = JsonSchemaType.Null });
        target.Type = null;
        target.Format = null;
        target.OneOf = branches;
        target.Description = (target.Description is { Length: > 0 } own ? own + " " : "")
            + (reads ? "A 64-bit integer as OTLP JSON writes it, a decimal string (the server writes strings); a JSON number is accepted too."
                : "A 64-bit integer written as a decimal string.");
        return Task.CompletedTask;
    }
}
