using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Egress;

internal static class EgressFeature
{
    /// <summary>
    /// The egress audit: told about every capture as it is received, it holds what a deployment sent against what Beacon's
    /// pages promise (<c>documented-egress.json</c>, read here, at start), until a reset.
    /// </summary>
    public static IServiceCollection AddEgress(this IServiceCollection services)
    {
        services.AddBeaconOptions<EgressOptions>(EgressOptions.Section);
        services.AddSingleton<IValidateOptions<EgressOptions>, EgressOptionsValidator>();
        services.AddSingleton(_ => EgressContract.Load());
        services.AddSingleton<EgressAudit>();
        services.AddSingleton<ICaptureObserver>(provider => provider.GetRequiredService<EgressAudit>());
        services.AddSingleton<IResettable>(provider => provider.GetRequiredService<EgressAudit>());
        return services.AddJsonContext(EgressJson.Default);
    }
}
