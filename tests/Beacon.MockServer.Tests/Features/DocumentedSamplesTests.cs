using System.Net;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features;

/// <summary>Every request sample on the newest documentation page, posted verbatim, gets the documented answer.</summary>
public sealed class DocumentedSamplesTests : HostedTest
{
    [Fact]
    public async Task VerifySample_ReturnsAToken()
    {
        var response = await Client.PostJsonAsync("/v1/beacon/verify", Wire.Sample("verify-request"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["token"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, body.GetProperty("token").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task IngestTracesSample_ReturnsInsertedCountOne()
    {
        var response = await Client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"inserted_count":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UsageSnapshotSample_ReturnsEmptyObject()
    {
        var response = await Client.PostJsonAsync("/v1/beacon/usage-snapshot", Wire.Sample("usage-snapshot-request"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var capture = await Client.LastCaptureAsync();
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("/v1/metadata/submit")]
    [InlineData("/v1/beacon/metadata/submit")]
    public async Task MetadataSample_Returns204OnBothRoutes(string route)
    {
        var response = await Client.PostJsonAsync(route, Wire.Sample("metadata-submit-request"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal("metadata", capture.GetProperty("kind").GetString());
        Assert.Equal(route, capture.GetProperty("path").GetString());
    }

    [Fact]
    public async Task EachSample_IsCapturedWithItsPayloadAndLicense()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", Wire.Sample("verify-request"));
        await Client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await Client.PostJsonAsync("/v1/beacon/usage-snapshot", Wire.Sample("usage-snapshot-request"));

        var captures = await Client.CapturesAsync();
        Assert.Equal(["verify", "ingest-traces", "usage-snapshot"], captures.Select(c => c.GetProperty("kind").GetString()));
        Assert.All(captures, c => Assert.Equal("<YOUR_LICENSE_KEY>", c.GetProperty("license").GetString()));
        Assert.All(captures, c => Assert.Equal(200, c.GetProperty("status").GetInt32()));
        Assert.Equal(12, captures[2].GetProperty("payload").GetProperty("measures").EnumerateObject().Count());
    }
}
