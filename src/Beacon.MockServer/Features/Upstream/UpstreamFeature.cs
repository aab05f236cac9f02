using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;
using Serilog.Core;

namespace Beacon.MockServer.Features.Upstream;

internal static class UpstreamFeature
{
    /// <summary>Pass-through to a real Beacon with YARP's forwarder, a hook after the fault rules.</summary>
    public static IServiceCollection AddUpstream(this IServiceCollection services)
    {
        services.AddOptions<UpstreamOptions>().BindConfiguration(UpstreamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>();
        services.AddHttpForwarder();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<ILogEventEnricher, ForwarderLogMasking>();
        return services.AddSingleton<IWireHook, UpstreamHook>();
    }
}
