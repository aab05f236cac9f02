using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>
/// The mock on real Kestrel, on two loopback ports the system chose: plain HTTP (where a client fetches the CA
/// before it can trust anything) and HTTPS, configured with a bare <c>UseHttps()</c> as a user would.
/// </summary>
internal sealed class HttpsMock : IDisposable
{
    public HttpsMock(IReadOnlyDictionary<string, string?>? settings = null)
    {
        App = new BeaconApplication(settings);
        App.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps());
        });
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        HttpsPort = addresses.Single(a => a.Scheme == "https").Port;
        Plain = new HttpClient { BaseAddress = addresses.Single(a => a.Scheme == "http") };
    }

    public BeaconApplication App { get; }

    public HttpClient Plain { get; }

    public int HttpsPort { get; }

    /// <summary>The CA as a client gets it: <c>GET /mock/tls/ca.pem</c>.</summary>
    public async Task<X509Certificate2> FetchAuthorityAsync() =>
        X509Certificate2.CreateFromPem(await Plain.GetStringAsync("/mock/tls/ca.pem"));

    public TrustingClient TrustingClient(X509Certificate2 authority) => new(authority, HttpsPort, App.Clock.GetUtcNow);

    /// <summary>A bare handshake that sends <paramref name="serverName"/> as SNI and takes whatever certificate comes back.</summary>
    public Task<X509Certificate2> HandshakeAsync(string serverName) => HandshakeAsync(HttpsPort, serverName);

    /// <inheritdoc cref="HandshakeAsync(string)"/>
    public static async Task<X509Certificate2> HandshakeAsync(int port, string serverName)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }

    public void Dispose()
    {
        Plain.Dispose();
        App.Dispose();
    }
}
