using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Features.Upstream;
using Beacon.MockServer.Tests.Features.Tls;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Tests.Features.Upstream;

/// <summary>
/// TLS to the upstream: an HTTPS upstream URL that leads back to the mock is recognised as the mock (508 and its
/// hint, not a failed handshake), and a certificate the mock refuses is refused with its cause and what fixes it,
/// in the answer, the capture and the log. Certificates are made here, judged by the machine's clock as any HTTPS
/// client judges them, with days of margin either side.
/// </summary>
public sealed class UpstreamTlsTests : IDisposable
{
    private const string License = "lcl_pass_through_000000";

    private readonly List<IDisposable> _disposables = [];
    private readonly ECDsa _authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _authority;
    private readonly string _authorityPath;

    public UpstreamTlsTests()
    {
        _authority = TestCertificates.Authority(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(60), key: _authorityKey);
        _authorityPath = Path.Combine(Directory.CreateTempSubdirectory("beacon-upstream-tls-").FullName, "ca.pem");
        File.WriteAllText(_authorityPath, _authority.ExportCertificatePem());
    }

    public void Dispose()
    {
        _disposables.ForEach(d => d.Dispose());
        _authority.Dispose();
        _authorityKey.Dispose();
        Directory.Delete(Path.GetDirectoryName(_authorityPath)!, recursive: true);
    }

    [Fact]
    public async Task AnHttpsUpstreamThatLeadsBackToTheMock_Is508WithItsHint_NotAFailedHandshake()
    {
        var looping = Keep(new HttpsMock(new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = "http://127.0.0.1:1" }));
        // Its leaves are issued by its clock, and judged by the machine's on the way out.
        looping.App.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        looping.App.Services.GetRequiredService<IOptions<UpstreamOptions>>().Value.Url = $"https://localhost:{looping.HttpsPort}";
        var client = looping.Plain;

        var response = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");

        Assert.True(response.StatusCode == HttpStatusCode.LoopDetected, await response.Content.ReadAsStringAsync());
        var detail = (await response.ReadProblemAsync()).GetProperty("detail").GetString();
        Assert.Contains("leads back to this mock", detail);
        Assert.Contains("extra_hosts", detail);
        var captures = await client.CapturesAsync();
        Assert.Equal(2, captures.Length);
        Assert.Equal(508, captures[0].GetProperty("upstream").GetProperty("status").GetInt32());
        Assert.Contains("this mock itself", captures[1].GetProperty("upstream").GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUntrustedCertificate_IsRefused_NamingTheCaSettingThatFixesIt()
    {
        using var leaf = TestCertificates.Server("localhost");
        var (front, client) = FrontOf(Upstream(leaf));

        var why = await RefusedAsync(front, client);

        Assert.Contains("issued by 'CN=localhost', which the system's roots do not trust", why);
        Assert.Contains("Beacon:Upstream:CaCertificatePath", why);
    }

    [Fact]
    public async Task ACertificateForAnotherName_IsRefused_NamingTheNamesItCarries()
    {
        using var leaf = Leaf("elsewhere.example", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var (front, client) = FrontOf(Upstream(leaf), ("Beacon:Upstream:CaCertificatePath", _authorityPath));

        var why = await RefusedAsync(front, client);

        Assert.Contains("it is for elsewhere.example, not localhost", why);
        Assert.Contains("Beacon:Upstream:Url", why);
        Assert.DoesNotContain("trust", why);
    }

    [Fact]
    public async Task AnExpiredCertificate_IsRefused_SayingWhenItExpired()
    {
        var notAfter = DateTimeOffset.UtcNow.AddDays(-2);
        using var leaf = Leaf("localhost", DateTimeOffset.UtcNow.AddDays(-30), notAfter);
        var (front, client) = FrontOf(Upstream(leaf), ("Beacon:Upstream:CaCertificatePath", _authorityPath));

        var why = await RefusedAsync(front, client);

        Assert.Contains($"expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z", why);
        Assert.DoesNotContain("trust", why);
    }

    [Fact]
    public async Task AValidCertificateFromTheConfiguredCa_IsTrusted()
    {
        using var leaf = Leaf("localhost", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var (_, client) = FrontOf(Upstream(leaf), ("Beacon:Upstream:CaCertificatePath", _authorityPath));

        var response = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("""{"upstream":"answered"}""", body);
    }

    /// <summary>
    /// Sends a verify the front must refuse, checks it is a 502 problem and that the capture and the log say the same,
    /// and returns the reason.
    /// </summary>
    private static async Task<string> RefusedAsync(BeaconApplication front, HttpClient client)
    {
        var response = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{License}}"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var detail = (await response.ReadProblemAsync()).GetProperty("detail").GetString()!;
        Assert.DoesNotContain("inner exception", detail);
        var error = (await client.LastCaptureAsync()).GetProperty("upstream").GetProperty("error").GetString()!;
        Assert.StartsWith("presented a certificate this mock does not accept: ", error);
        Assert.Contains(error, detail);
        Assert.Contains(front.Logs.Lines(), l => l.Contains(error, StringComparison.Ordinal));
        return error;
    }

    private TinyUpstream Upstream(X509Certificate2 certificate) =>
        Keep(new TinyUpstream(context => context.Response.WriteAsync("""{"upstream":"answered"}"""), certificate));

    private (BeaconApplication Front, HttpClient Client) FrontOf(TinyUpstream upstream, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = $"https://localhost:{upstream.Port}" };
        foreach (var (key, value) in settings)
            configuration[key] = value;
        var front = Keep(new BeaconApplication(configuration));
        return (front, Keep(front.CreateBeaconClient()));
    }

    /// <summary>A server certificate for <paramref name="name"/> issued by the test CA, with its key.</summary>
    private X509Certificate2 Leaf(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(_authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private T Keep<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }
}
