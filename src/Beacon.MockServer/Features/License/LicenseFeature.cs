using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.License;

internal static class LicenseFeature
{
    /// <summary>The license registry, which every wire route decides credentials by, and verify.</summary>
    public static IServiceCollection AddLicenses(this IServiceCollection services)
    {
        services.AddOptions<LicenseSettings>().BindConfiguration("Beacon").ValidateOnStart();
        services.AddSingleton<IValidateOptions<LicenseSettings>, LicenseSettingsValidator>();
        services.AddSingleton<LicenseRegistry>();
        services.AddSingleton<ILicensePolicy>(provider => provider.GetRequiredService<LicenseRegistry>());
        services.AddSingleton<IResettable>(provider => provider.GetRequiredService<LicenseRegistry>());
        services.AddSingleton(new CapturedHeader(CredentialHeaders.LicenseKey));
        services.AddSingleton(new CapturedHeader(CredentialHeaders.ApiKey));
        return services.AddWireKind(new WireKind(VerifyEndpoints.Kind, "Verify", typeof(VerifyRequest), typeof(VerifyDetails)));
    }
}
