using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>The built server, started the way users start it: an https URL needs no certificate of theirs, and a bad CA file stops it in one line.</summary>
public sealed class HttpsServerProcessTests
{
    [Fact]
    public async Task AnHttpsUrl_IsServedWithTheCasLeaves_WithoutADeveloperCertificate()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var server = ServerProcess.Start("--urls", "http://127.0.0.1:0;https://127.0.0.1:0");
        var addresses = await server.ListeningAsync(2, timeout.Token);
        using var plain = new HttpClient { BaseAddress = addresses.Single(a => a.Scheme == "http") };
        using var authority = X509Certificate2.CreateFromPem(await plain.GetStringAsync("/mock/tls/ca.pem", timeout.Token));
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
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var server = ServerProcess.Start("--urls", "http://127.0.0.1:0",
                $"--Beacon:Tls:CaCertificatePath={certificate}", $"--Beacon:Tls:CaKeyPath={key}");

            var (exitCode, output, error) = await server.ExitAsync(timeout.Token);

            Assert.Equal(1, exitCode);
            Assert.Equal($"Beacon.MockServer did not start: Beacon:Tls:CaCertificatePath names a file that holds no PEM certificate ({certificate}).", error.TrimEnd());
            Assert.DoesNotContain("Now listening", output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
