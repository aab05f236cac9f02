using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Otlp;

internal static class OtlpFeature
{
    /// <summary>The OTLP/HTTP receivers for traces, metrics and logs, and their views.</summary>
    public static IServiceCollection AddOtlp(this IServiceCollection services)
    {
        services.AddBeaconOptions<OtlpOptions>(OtlpOptions.Section);
        services.AddSingleton<IValidateOptions<OtlpOptions>, OtlpOptionsValidator>();
        services.AddSingleton<ViewScans>();
        services.AddJsonContext(OtlpJsonViews.Default);
        // The views show attribute values as plain JSON, as deep as an export may nest them.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = Math.Max(o.SerializerOptions.MaxDepth, OtlpJson.MaxDepth + 16));
        foreach (var signal in OtlpSignal.All)
            services.AddWireKind(signal.Kind);
        return services.AddOtlpSchemas();
    }
}
