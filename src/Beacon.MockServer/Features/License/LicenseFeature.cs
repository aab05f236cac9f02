using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.License;

internal static class LicenseFeature
{
    /// <summary>The license registry: the policy every wire route's credential is decided by, and /mock/licenses.</summary>
    public static IServiceCollection AddLicenses(this IServiceCollection services)
    {
        services.AddBeaconOptions<LicenseOptions>(LicenseOptions.Section);
        services.AddSingleton<IValidateOptions<LicenseOptions>, LicenseOptionsValidator>();
        services.AddSingleton<LicenseRegistry>();
        services.AddSingleton<ILicensePolicy>(provider => provider.GetRequiredService<LicenseRegistry>());
        services.AddSingleton<IResettable>(provider => provider.GetRequiredService<LicenseRegistry>());
        services.AddSingleton(new CapturedHeader(CredentialHeaders.LicenseKey));
        services.AddSingleton(new CapturedHeader(CredentialHeaders.ApiKey));
        return services.AddJsonContext(LicenseJson.Default);
    }
}
