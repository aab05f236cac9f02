using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Client;
using DotNet.Testcontainers.Containers;

namespace Beacon.MockServer.Testcontainers;

/// <summary>
/// The mock running in Docker, built by <see cref="BeaconMockBuilder"/>. Its addresses are the host's view of it (the
/// random host ports); a container on the same network reaches it as <c>http://beacon.langchain.com:8080/</c> and
/// <c>https://beacon.langchain.com:8443/</c>, trusting <see cref="GetCaCertificateAsync"/>.
/// </summary>
public sealed class BeaconMockContainer : DockerContainer
{
    private readonly BeaconMockContainerConfiguration _configuration;
    private readonly Lock _lock = new();
    private HttpClient? _http;
    private BeaconMockClient? _client;

    /// <summary>A container of that configuration; <see cref="BeaconMockBuilder.Build"/> makes one.</summary>
    /// <param name="configuration">The container's configuration.</param>
    public BeaconMockContainer(BeaconMockContainerConfiguration configuration)
        : base(configuration) => _configuration = configuration;

    /// <summary>Where wire requests go from the host, <c>http://{host}:{port}/</c>: the Beacon endpoint of a system under test outside Docker.</summary>
    public Uri GetWireBaseAddress() => new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(BeaconMockBuilder.HttpPort)).Uri;

    /// <summary>The same over HTTPS, <c>https://{host}:{port}/</c>, with a certificate from the mock's CA.</summary>
    public Uri GetHttpsWireBaseAddress() => new UriBuilder(Uri.UriSchemeHttps, Hostname, GetMappedPublicPort(BeaconMockBuilder.HttpsPort)).Uri;

    /// <summary>
    /// A client of the mock's API over HTTP, sending the admin token when the settings set one. One per container,
    /// disposed with it; once started, its <see cref="BeaconMockClient.WireBaseAddress"/> is <see cref="GetWireBaseAddress"/>.
    /// </summary>
    public BeaconMockClient GetClient()
    {
        lock (_lock)
        {
            _http ??= new HttpClient { BaseAddress = GetWireBaseAddress() };
            return _client ??= new BeaconMockClient(_http, _configuration.AdminToken);
        }
    }

    /// <summary>A new <see cref="HttpClient"/> for the wire side from the host, or a namespace's; the caller disposes it.</summary>
    /// <param name="ns">Send under <c>/ns/{ns}/</c>; null for the unprefixed routes.</param>
    public HttpClient CreateWireClient(string? ns = null) =>
        new() { BaseAddress = ns is null ? GetWireBaseAddress() : GetClient().ForNamespace(ns).WireBaseAddress };

    /// <summary>
    /// The CA that issues the mock's HTTPS certificates (<c>GET /mock/tls/ca.pem</c>): what a client over HTTPS must
    /// trust. Each container makes a new one unless <c>Beacon:Tls:CaCertificatePath</c> keeps one on a volume.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<X509Certificate2> GetCaCertificateAsync(CancellationToken cancellationToken = default) =>
        X509Certificate2.CreateFromPem(await GetClient().GetCaCertificatePemAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        lock (_lock)
            _http?.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
