using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Otlp;

internal static class OtlpFeature
{
    /// <summary>The OTLP/HTTP receivers for traces, metrics and logs, and their views.</summary>
    public static IServiceCollection AddOtlp(this IServiceCollection services)
    {
        services.AddOptions<OtlpOptions>().BindConfiguration(OtlpOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OtlpOptions>, OtlpOptionsValidator>();
        services.AddSingleton<ViewScans>();
        foreach (var signal in OtlpSignal.All)
            services.AddWireKind(new WireKind(signal.Kind, signal.Title, signal.Data, typeof(OtlpDetails)));
        return services;
    }
}
