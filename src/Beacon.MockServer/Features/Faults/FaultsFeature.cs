using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Faults;

internal static class FaultsFeature
{
    /// <summary>Fault rules, configured and added at run time, as a hook on every wire route.</summary>
    public static IServiceCollection AddFaults(this IServiceCollection services)
    {
        services.AddOptions<FaultSettings>().BindConfiguration("Beacon").ValidateOnStart();
        services.AddSingleton<IValidateOptions<FaultSettings>, FaultSettingsValidator>();
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<IResettable>(provider => provider.GetRequiredService<FaultRegistry>());
        services.AddSingleton<FaultHook>();
        return services.AddSingleton<IWireHook>(provider => provider.GetRequiredService<FaultHook>());
    }
}
