using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>
/// What a deployment pointed at the mock does, in one process: every host name resolves to the mock's loopback
/// port (the DNS override), and the only root trusted is the mock's CA (the custom CA). The chain and the host
/// name are both checked, as any HTTPS client checks them; nothing else is let through. Connections are not
/// pooled, so every request is a new handshake and <see cref="Presented"/> is the certificate it got.
/// </summary>
internal sealed class TrustingClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="at">The time the chain is checked at: the mock's (fake) clock, which issued the leaves.</param>
    public TrustingClient(X509Certificate2 authority, int port, Func<DateTimeOffset> at)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = async (_, cancellation) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            Presented = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
            return IsTrusted(Presented, errors, authority, at());
        };
        _http = new HttpClient(handler);
    }

    /// <summary>The certificate the server presented in the latest handshake.</summary>
    public X509Certificate2? Presented { get; private set; }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// SslStream checks the host name itself and reports the chain as untrusted (it knows only the system's roots);
    /// the chain is then built again with the mock's CA as the one root.
    /// </summary>
    public static bool IsTrusted(X509Certificate2 leaf, SslPolicyErrors errors, X509Certificate2 authority, DateTimeOffset at)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // The mock publishes no revocation lists; a client that demands one must be told to skip it.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        return chain.Build(leaf) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }
}
