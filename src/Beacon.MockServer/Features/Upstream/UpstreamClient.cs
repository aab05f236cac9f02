using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// The one connection pool to the upstream Beacon, as a proxy wants it: no proxy of its own, no redirects, no
/// cookies, bodies passed as they are (never decompressed), and an extra CA trusted when one is configured.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    public UpstreamClient(IOptions<UpstreamOptions> options)
    {
        var settings = options.Value;
        var extra = settings.CaCertificatePath is { } path ? X509CertificateLoader.LoadCertificateFromFile(path) : null;
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromMilliseconds(settings.TimeoutMs),
            SslOptions = extra is null ? new SslClientAuthenticationOptions() : new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => errors == SslPolicyErrors.None || TrustedBy(extra, certificate, errors),
            },
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();

    /// <summary>The system's roots did not trust the chain; the configured CA may, when nothing but the chain was wrong.</summary>
    private static bool TrustedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
