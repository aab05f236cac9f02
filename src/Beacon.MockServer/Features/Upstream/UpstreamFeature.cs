using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;
using Serilog.Core;

namespace Beacon.MockServer.Features.Upstream;

internal static class UpstreamFeature
{
    /// <summary>A capture's <c>upstream</c>: the exchange with the upstream Beacon when the request was passed through.</summary>
    public static readonly CaptureField Field = new("upstream", typeof(UpstreamExchange),
        "What the upstream Beacon answered, when the request was passed through to it: where it went, its status, "
        + "how long it took, why it could not answer, and the start of its body.", After: "details");

    /// <summary>Pass-through to a real Beacon with YARP's forwarder, a hook after the fault rules.</summary>
    public static IServiceCollection AddUpstream(this IServiceCollection services)
    {
        services.AddBeaconOptions<UpstreamOptions>(UpstreamOptions.Section);
        services.AddSingleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>();
        services.AddHttpForwarder();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<ILogEventEnricher, ForwarderLogMasking>();
        services.AddCaptureField(Field);
        services.AddJsonContext(UpstreamJson.Default);
        return services.AddSingleton<IWireHook, UpstreamHook>();
    }
}
