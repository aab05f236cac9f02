using System.Net;
using Beacon.MockServer.Features.Tls;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>Which certificate a handshake gets: one per name, cached, renewed near its end, and never more than the cap.</summary>
public sealed class LeafCertificatesTests
{
    private readonly FakeTimeProvider _clock = new(BeaconApplication.Start);

    private LeafCertificates Leaves(int capacity = LeafCertificates.DefaultCapacity)
    {
        var authority = new CertificateAuthority(Options.Create(new TlsOptions()), _clock, NullLogger<CertificateAuthority>.Instance);
        return new LeafCertificates(authority, _clock, NullLogger<LeafCertificates>.Instance, capacity);
    }

    [Fact]
    public void TheCache_PastItsCapacity_ForgetsTheNameIssuedFirst_AndIssuesItAgainWhenAsked()
    {
        var leaves = Leaves(capacity: 3);
        var first = leaves.For("a.example", null)!;
        foreach (var name in new[] { "b.example", "c.example", "d.example", "e.example" })
            leaves.For(name, null);

        Assert.Equal(3, leaves.Count);
        Assert.Equal(2, leaves.Forgotten);
        Assert.Same(leaves.For("e.example", null), leaves.For("e.example", null));
        Assert.NotEqual(first.Thumbprint, leaves.For("a.example", null)!.Thumbprint);
        Assert.Equal(3, leaves.Count);
    }

    [Fact]
    public void ALeaf_IsKeptUntilADayBeforeItsEnd_ThenRenewed()
    {
        var leaves = Leaves();
        var first = leaves.For("beacon.langchain.com", null)!;

        _clock.Advance(TimeSpan.FromDays(6) - TimeSpan.FromSeconds(1));
        Assert.Same(first, leaves.For("beacon.langchain.com", null));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = leaves.For("beacon.langchain.com", null)!;
        Assert.NotSame(first, renewed);
        Assert.Equal(BeaconApplication.Start.AddDays(13), renewed.NotAfter.ToUniversalTime());
        Assert.Equal(1, leaves.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.1.2.3")]
    [InlineData("::1")]
    public void NoServerNameOrAnIpLiteral_GetsTheLocalCertificate_ForLocalhostAndTheAddressConnectedTo(string? serverName)
    {
        var leaves = Leaves();

        var leaf = leaves.For(serverName, IPAddress.Parse("::ffff:10.1.2.3"))!;

        Assert.Equal("CN=localhost", leaf.Subject);
        Assert.Equal(["localhost", "127.0.0.1", "::1", "10.1.2.3"], HttpsHandshakeTests.SubjectAlternativeNames(leaf));
        Assert.Same(leaf, leaves.For(null, IPAddress.Parse("10.1.2.3")));
    }

    [Theory]
    [InlineData("Beacon.LangChain.COM.", "beacon.langchain.com")]
    [InlineData("beacon_mock", "beacon_mock")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    public void HostNames_AreIssuedInLowerCaseAsciiWithoutTheFinalDot(string serverName, string issuedFor)
    {
        var leaf = Leaves().For(serverName, null)!;

        Assert.Equal([issuedFor], HttpsHandshakeTests.SubjectAlternativeNames(leaf));
    }

    [Theory]
    [MemberData(nameof(HttpsHandshakeTests.AbsurdServerNames), MemberType = typeof(HttpsHandshakeTests))]
    [InlineData("beacon\0mock")]
    [InlineData("beacon mock")]
    [InlineData(".")]
    public void AnAbsurdName_GetsNoCertificate_AndIsNotCached(string serverName)
    {
        var leaves = Leaves();

        Assert.Null(leaves.For(serverName, null));
        Assert.Equal(0, leaves.Count);
    }
}
