using Beacon.MockServer.Client;

namespace Beacon.MockServer.Tests.Client;

/// <summary>Every address the client gives ends with '/', and the OTLP receivers' URLs are given whole, so no URL built from them loses or doubles a segment.</summary>
public sealed class AddressTests
{
    // A mock behind a path prefix, given without its trailing slash, as a user would write it.
    private static readonly BeaconMockClient Client = new(new HttpClient { BaseAddress = new Uri("http://mock:8080/prefix") });

    [Fact]
    public void EveryBaseAddress_EndsWithASlash()
    {
        var t1 = Client.ForNamespace("t1");

        Assert.Equal("http://mock:8080/prefix/", Client.WireBaseAddress.AbsoluteUri);
        Assert.Equal("http://mock:8080/prefix/v1/beacon/", Client.OtlpEndpoint.AbsoluteUri);
        Assert.Equal("http://mock:8080/prefix/ns/t1/", t1.WireBaseAddress.AbsoluteUri);
        Assert.Equal("http://mock:8080/prefix/ns/t1/v1/beacon/", t1.OtlpEndpoint.AbsoluteUri);
    }

    [Fact]
    public void OtlpEndpoint_ResolvesASignalPathBelowItself()
    {
        // The URL an SDK or a user builds from the base: this used to be /prefix/v1/v1/traces.
        Assert.Equal("http://mock:8080/prefix/v1/beacon/v1/traces", new Uri(Client.OtlpEndpoint, "v1/traces").AbsoluteUri);
    }

    [Fact]
    public void SignalEndpoints_AreTheReceiversFullUrls_InTheClientsNamespace()
    {
        var t1 = Client.ForNamespace("t1");

        Assert.Equal(
            ["http://mock:8080/prefix/v1/beacon/v1/traces", "http://mock:8080/prefix/v1/beacon/v1/metrics", "http://mock:8080/prefix/v1/beacon/v1/logs"],
            [Client.OtlpTracesEndpoint.AbsoluteUri, Client.OtlpMetricsEndpoint.AbsoluteUri, Client.OtlpLogsEndpoint.AbsoluteUri]);
        Assert.Equal(
            ["http://mock:8080/prefix/ns/t1/v1/beacon/v1/traces", "http://mock:8080/prefix/ns/t1/v1/beacon/v1/metrics", "http://mock:8080/prefix/ns/t1/v1/beacon/v1/logs"],
            [t1.OtlpTracesEndpoint.AbsoluteUri, t1.OtlpMetricsEndpoint.AbsoluteUri, t1.OtlpLogsEndpoint.AbsoluteUri]);
    }
}
