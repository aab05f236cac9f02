using System.Text.Json.Serialization;

namespace Beacon.MockServer.Http;

/// <summary>Each part of the app brings the JSON context that writes its own types; the app's JSON options chain them.</summary>
internal static class JsonContexts
{
    /// <summary>Adds <paramref name="context"/> to the HTTP JSON options' resolvers, ahead of those added before it.</summary>
    public static IServiceCollection AddJsonContext(this IServiceCollection services, JsonSerializerContext context) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, context));
}
