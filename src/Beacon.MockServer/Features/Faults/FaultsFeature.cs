using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Faults;

internal static class FaultsFeature
{
    /// <summary>A capture's <c>faultId</c>: the rule that answered (or delayed) it.</summary>
    public static readonly CaptureField FaultIdField = new("faultId", typeof(long?),
        "The id of the fault rule that answered (or delayed) this request; null when none did.", After: "decodedBytes");

    /// <summary>Fault rules, configured and added at run time, as a hook on every wire route.</summary>
    public static IServiceCollection AddFaults(this IServiceCollection services)
    {
        services.AddBeaconOptions<FaultOptions>(FaultOptions.Section);
        services.AddSingleton<IValidateOptions<FaultOptions>, FaultOptionsValidator>();
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<IResettable>(provider => provider.GetRequiredService<FaultRegistry>());
        services.AddSingleton<FaultHook>();
        services.AddSingleton<IWireHook>(provider => provider.GetRequiredService<FaultHook>());
        services.AddCaptureField(FaultIdField);
        return services.AddJsonContext(FaultJson.Default);
    }
}
