using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Tests.Infrastructure;
using Serilog.Events;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>
/// A client that trusts only the CA the mock serves reaches it over HTTPS under whatever name it was told to
/// use, Beacon's public one included: the chain and the host name check out, as they must for a real client.
/// </summary>
public sealed class HttpsHandshakeTests : IDisposable
{
    private readonly HttpsMock _mock = new();

    public void Dispose() => _mock.Dispose();

    [Theory]
    [InlineData("beacon.langchain.com")]
    [InlineData("api.smith.langchain.com")]
    [InlineData("beacon-mock")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task AnyHostName_IsServedOverHttps_ToAClientThatTrustsOnlyTheServedCa(string host)
    {
        var authority = await _mock.FetchAuthorityAsync();
        using var client = _mock.TrustingClient(authority);

        var response = await client.GetAsync($"https://{host}:{_mock.HttpsPort}/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = SubjectAlternativeNames(client.Presented!);
        Assert.Contains(host.Trim('[', ']'), names);
    }

    [Fact]
    public async Task TheLeaf_IsAShortLivedServerCertificateSignedByTheCa()
    {
        var authority = await _mock.FetchAuthorityAsync();
        using var client = _mock.TrustingClient(authority);

        await client.GetAsync($"https://beacon.langchain.com:{_mock.HttpsPort}/healthz");

        var leaf = client.Presented!;
        Assert.Equal("CN=beacon.langchain.com", leaf.Subject);
        Assert.Equal(authority.Subject, leaf.Issuer);
        var constraints = leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.False(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>()).Value);
        Assert.Equal(["beacon.langchain.com"], SubjectAlternativeNames(leaf));
        Assert.Equal(
            authority.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
        Assert.Equal(BeaconApplication.Start.AddHours(-1), leaf.NotBefore.ToUniversalTime());
        Assert.Equal(BeaconApplication.Start.AddDays(7), leaf.NotAfter.ToUniversalTime());
    }

    [Fact]
    public async Task TheSameNameTwice_GetsTheCachedCertificate_AndAnotherNameItsOwn()
    {
        var authority = await _mock.FetchAuthorityAsync();
        using var client = _mock.TrustingClient(authority);

        await client.GetAsync($"https://beacon.langchain.com:{_mock.HttpsPort}/healthz");
        var first = client.Presented!;
        await client.GetAsync($"https://BEACON.langchain.com:{_mock.HttpsPort}/healthz");
        var second = client.Presented!;
        await client.GetAsync($"https://api.smith.langchain.com:{_mock.HttpsPort}/healthz");

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.NotEqual(first.Thumbprint, client.Presented!.Thumbprint);
    }

    /// <summary>Names a client can send as SNI that no certificate should carry.</summary>
    public static TheoryData<string> AbsurdServerNames =>
    [
        "*.langchain.com",
        "beacon..langchain.com",
        "-beacon.langchain.com",
        "beacon!mock",
        "semi;colon.com",
        new string('a', 64) + ".com",
        string.Join('.', Enumerable.Repeat(new string('a', 63), 4)),
    ];

    [Theory]
    [MemberData(nameof(AbsurdServerNames))]
    public async Task AnAbsurdServerName_FailsTheHandshake_AndTheNextHandshakeSucceeds(string serverName)
    {
        var authority = await _mock.FetchAuthorityAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => _mock.HandshakeAsync(serverName));

        // The log keeps the name's start, and its length.
        Assert.Contains(_mock.App.Logs.Lines(), l => l.Contains("refused a handshake", StringComparison.Ordinal)
            && l.Contains(serverName[..Math.Min(serverName.Length, 60)], StringComparison.Ordinal) && l.Contains($"({serverName.Length} characters)", StringComparison.Ordinal));
        Assert.DoesNotContain(_mock.App.Logs.Events, e => e.Level >= LogEventLevel.Error);
        var leaf = await _mock.HandshakeAsync("beacon.langchain.com");
        Assert.Equal(authority.Subject, leaf.Issuer);
    }

    [Fact]
    public async Task TheCaLoggedAtStart_IsTheOneServed_NamedByItsSha256Fingerprint()
    {
        var authority = await _mock.FetchAuthorityAsync();

        // As openssl x509 -noout -fingerprint -sha256 prints it: upper-case hex pairs between colons.
        var fingerprint = string.Join(':', Convert.ToHexString(authority.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));
        var line = Assert.Single(_mock.App.Logs.Lines(), l => l.Contains("TLS: generated a CA for this run only", StringComparison.Ordinal));
        Assert.Contains(fingerprint, line, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", line, StringComparison.Ordinal);
    }

    internal static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        return [.. extension.EnumerateDnsNames(), .. extension.EnumerateIPAddresses().Select(a => a.ToString())];
    }
}
