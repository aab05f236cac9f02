using System.Net;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// HTTPS under any host name: every HTTPS endpoint, however it was configured (<c>--urls https://…</c>,
/// <c>ASPNETCORE_HTTPS_PORTS</c>, <c>Kestrel:Endpoints</c>, <c>ListenOptions.UseHttps()</c>), presents a
/// certificate the mock's CA issued for the name the client asked for. A certificate configured for an endpoint,
/// or as <c>Kestrel:Certificates:Default</c>, is still the one served there.
/// </summary>
internal static class TlsFeature
{
    public static IServiceCollection AddTls(this IServiceCollection services)
    {
        services.AddBeaconOptions<TlsOptions>(TlsOptions.Section);
        services.AddSingleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>();
        services.AddSingleton<CertificateAuthority>();
        services.AddHostedService(provider => provider.GetRequiredService<CertificateAuthority>());
        services.AddSingleton<IOwnCertificateAuthority>(provider => provider.GetRequiredService<CertificateAuthority>());
        services.AddSingleton<LeafCertificates>();
        services.AddOptions<KestrelServerOptions>().Configure<LeafCertificates, IConfiguration>((kestrel, leaves, configuration) =>
        {
            // Kestrel uses the default certificate only where no selector is set: leave it in charge.
            if (configuration.GetSection("Kestrel:Certificates:Default").Exists())
                return;
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificateSelector = (connection, serverName) =>
                // Kestrel applies these defaults first and an endpoint's own certificate after, onto the same
                // options, and then serves the selector's choice over the certificate: so the selector hands over to
                // a certificate the endpoint was given. (Served this way, without that certificate's chain.)
                https.ServerCertificate ?? leaves.For(serverName, (connection?.LocalEndPoint as IPEndPoint)?.Address));
        });
        return services;
    }
}
