using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Features.Otlp.Model;

/// <summary>
/// Every OTLP message accepts keys it does not know, as OTLP JSON says a receiver must (they are ignored, and reported
/// as findings): its schema says so, and the documented metrics sample, which puts a Sum's fields on its data point,
/// is a valid example. Beacon's own JSON contracts also keep unknown keys, but to refuse them; their schemas stay closed.
/// </summary>
internal static class OtlpSchemas
{
    public static IServiceCollection AddOtlpSchemas(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o => o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo is null && typeof(OtlpMessage).IsAssignableFrom(context.JsonTypeInfo.Type) && schema.AdditionalProperties is null)
                schema.AdditionalProperties = new OpenApiSchema();
            return Task.CompletedTask;
        }));
}
