using System.Net;
using Beacon.MockServer.Features.Tls;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
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
    public void TheCache_PastItsCapacity_ForgetsTheNameLeastRecentlyAskedFor_AndIssuesItAgainWhenAsked()
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
    public void AFloodOfNewNames_NeverForgetsTheNameClientsKeepUsing()
    {
        var leaves = Leaves(capacity: 3);
        var inUse = leaves.For("beacon.langchain.com", null)!;

        // Issued first, but asked for again between every two names of the flood.
        foreach (var name in Enumerable.Range(0, 10).Select(i => $"flood{i}.example"))
        {
            leaves.For(name, null);
            Assert.Same(inUse, leaves.For("beacon.langchain.com", null));
        }

        Assert.Equal(3, leaves.Count);
        Assert.Equal(8, leaves.Forgotten);
        // The two kept beside it are the flood's last two; the first of the flood went first.
        var flood0 = leaves.For("flood0.example", null);
        Assert.Same(inUse, leaves.For("beacon.langchain.com", null));
        Assert.Same(flood0, leaves.For("flood0.example", null));
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
    [InlineData("1.2.3.example", "1.2.3.example")]
    [InlineData("999.langchain.com", "999.langchain.com")]
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
    [InlineData("999.999.999.999")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("example.123")]
    public void AnAbsurdName_GetsNoCertificate_AndIsNotCached(string serverName)
    {
        var leaves = Leaves();

        Assert.Null(leaves.For(serverName, null));
        Assert.Equal(0, leaves.Count);
    }

    [Fact]
    public void RefusedHandshakes_AreLoggedOnceEveryTenSeconds_AndTheNextLineCountsTheRest()
    {
        using var app = new BeaconApplication();
        var leaves = app.Services.GetRequiredService<LeafCertificates>();
        string[] Refusals() => [.. app.Logs.Lines().Where(l => l.Contains("TLS: refused a handshake", StringComparison.Ordinal))];

        for (var i = 0; i < 3_400; i++)
            Assert.Null(leaves.For($"*.flood{i}.example", null));
        app.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(leaves.For("*.late.example", null));

        var first = Assert.Single(Refusals());
        Assert.Contains("*.flood0.example", first, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(leaves.For("*.next.example", null));

        Assert.Equal(2, Refusals().Length);
        var next = Refusals()[1];
        Assert.Contains("*.next.example", next, StringComparison.Ordinal);
        Assert.Contains("3400 more handshakes were refused since the last such line", next, StringComparison.Ordinal);
        Assert.Contains("Unlogged=3400", next, StringComparison.Ordinal);

        // Ten quiet seconds later, a refusal is logged alone again, with no count.
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(leaves.For("*.alone.example", null));
        Assert.DoesNotContain("more handshakes", Refusals()[2], StringComparison.Ordinal);
    }
}
