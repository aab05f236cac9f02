using Beacon.MockServer.Configuration;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.DataPlane;

internal static class DataPlaneFeature
{
    /// <summary>X-Data-Plane-Auth: recorded always, verified when Beacon:DataPlane:Secret is set.</summary>
    public static IServiceCollection AddDataPlane(this IServiceCollection services)
    {
        services.AddBeaconOptions<DataPlaneOptions>(DataPlaneOptions.Section);
        services.AddSingleton<IValidateOptions<DataPlaneOptions>, DataPlaneOptionsValidator>();
        services.AddSingleton(new CapturedHeader(CredentialHeaders.DataPlane));
        return services.AddSingleton<IWireHook, DataPlaneAuth>();
    }
}
