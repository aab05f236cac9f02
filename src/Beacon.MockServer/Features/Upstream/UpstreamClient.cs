using System.Net;
using System.Net.Security;
using Beacon.MockServer.Http;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// The one connection pool to the upstream Beacon, as a proxy wants it: no proxy of its own, no redirects, no
/// cookies, bodies passed as they are (never decompressed), and the certificates <see cref="UpstreamTrust"/> takes.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    public UpstreamClient(IOptions<UpstreamOptions> options, IOwnCertificateAuthority? own = null)
    {
        var settings = options.Value;
        var trust = new UpstreamTrust(settings.CaCertificatePath, own);
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromMilliseconds(settings.TimeoutMs),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
