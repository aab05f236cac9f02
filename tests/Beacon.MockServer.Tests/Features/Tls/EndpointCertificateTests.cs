using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>
/// A certificate the user configured for Kestrel is the one served where they configured it; the mock's CA
/// serves every HTTPS endpoint left without one.
/// </summary>
public sealed class EndpointCertificateTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beacon-tls-");
    private readonly string _certificate;
    private readonly string _key;

    public EndpointCertificateTests()
    {
        (_certificate, _key) = (Path.Combine(_directory.FullName, "own.pem"), Path.Combine(_directory.FullName, "own.key"));
        using var own = TestCertificates.Server("own.example");
        TestCertificates.WritePem(own, _certificate, _key);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task AnEndpointsOwnCertificate_WinsThere_AndTheCaServesTheOtherEndpoint()
    {
        using var app = Start(new()
        {
            ["Kestrel:Endpoints:Own:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Own:Certificate:Path"] = _certificate,
            ["Kestrel:Endpoints:Own:Certificate:KeyPath"] = _key,
            ["Kestrel:Endpoints:Issued:Url"] = "https://127.0.0.1:0",
        });

        var issuers = await PresentedIssuersAsync(app);

        Assert.Equal(2, issuers.Count);
        Assert.Contains("CN=own.example", issuers);
        Assert.Contains(issuers, issuer => issuer.StartsWith("CN=Beacon.MockServer CA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfiguredDefaultCertificate_WinsOnEveryEndpoint()
    {
        using var app = Start(new()
        {
            ["Kestrel:Certificates:Default:Path"] = _certificate,
            ["Kestrel:Certificates:Default:KeyPath"] = _key,
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
        });

        Assert.Equal(["CN=own.example"], await PresentedIssuersAsync(app));
    }

    private static BeaconApplication Start(Dictionary<string, string?> settings)
    {
        var app = new BeaconApplication(settings);
        app.UseKestrel();
        app.StartServer();
        return app;
    }

    /// <summary>The issuer of the certificate each HTTPS address presents to a client asking for beacon.langchain.com.</summary>
    private static async Task<IReadOnlyList<string>> PresentedIssuersAsync(BeaconApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a));
        var issuers = new List<string>();
        foreach (var address in addresses.Where(a => a.Scheme == "https"))
        {
            issuers.Add((await HttpsMock.HandshakeAsync(address.Port, "beacon.langchain.com")).Issuer);
        }
        return issuers;
    }
}
