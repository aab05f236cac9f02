using System.Net;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>The built server, started the way users start it: an https URL needs no certificate of theirs, and a bad CA file stops it in one line.</summary>
public sealed class HttpsServerProcessTests
{
    [Fact]
    public async Task AnHttpsUrl_IsServedWithTheCasLeaves_WithoutADeveloperCertificate()
    {
        await using var server = ServerProcess.Start(AppContext.BaseDirectory, "--urls", "http://127.0.0.1:0;https://127.0.0.1:0");
        var addresses = await server.ListeningAsync(2);
        using var plain = new HttpClient { BaseAddress = addresses.Single(a => a.Scheme == "http"), Timeout = TimeSpan.FromSeconds(60) };
        using var authority = X509Certificate2.CreateFromPem(await plain.GetStringAsync("/mock/tls/ca.pem"));
        using var client = new TrustingClient(authority, addresses.Single(a => a.Scheme == "https").Port, () => DateTimeOffset.UtcNow);

        var response = await client.GetAsync($"https://beacon.langchain.com:{addresses.Single(a => a.Scheme == "https").Port}/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=beacon.langchain.com", client.Presented!.Subject);
    }

    [Fact]
    public async Task ACaFileThatHoldsNoCertificate_StopsTheServerAtStart_WithOneLineNamingTheSetting()
    {
        var directory = Directory.CreateTempSubdirectory("beacon-tls-");
        try
        {
            var (certificate, key) = (Path.Combine(directory.FullName, "ca.pem"), Path.Combine(directory.FullName, "ca.key"));
            File.WriteAllText(certificate, "not a certificate");
            File.WriteAllText(key, "not a key");
            await using var server = ServerProcess.Start(AppContext.BaseDirectory, "--urls", "http://127.0.0.1:0",
                $"--Beacon:Tls:CaCertificatePath={certificate}", $"--Beacon:Tls:CaKeyPath={key}");

            var exitCode = await server.WaitForExitAsync();

            Assert.Equal(1, exitCode);
            Assert.Equal($"Beacon.MockServer did not start: Beacon:Tls:CaCertificatePath names a file that holds no PEM certificate ({certificate}).", string.Join("\n", server.Error).TrimEnd());
            Assert.DoesNotContain(server.Output, line => line.Contains("Now listening", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
