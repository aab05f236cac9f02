using System.Text;
using Beacon.MockServer.Client;
using Beacon.MockServer.Testing;

namespace Beacon.MockServer.Tests.Client;

/// <summary>
/// One real mock on a loopback port for a whole test class, started with Beacon.MockServer.Testing as a consumer would
/// (an xunit fixture through IAsyncLifetime). Each test takes a namespace of its own, so tests never see each other's
/// captures, and the client's namespace scoping is exercised by every test.
/// </summary>
public sealed class SharedMock : IAsyncLifetime
{
    private int _namespaces;

    public BeaconMock Mock { get; private set; } = null!;

    /// <summary>Sends wire requests, as the system under test would.</summary>
    public HttpClient Wire { get; } = new();

    public async Task InitializeAsync() => Mock = await BeaconMock.StartAsync();

    public async Task DisposeAsync()
    {
        Wire.Dispose();
        await Mock.DisposeAsync();
    }

    /// <summary>A client scoped to a namespace no other test uses.</summary>
    public BeaconMockClient NewNamespace() => Mock.Client.ForNamespace($"test-{Interlocked.Increment(ref _namespaces)}");

    public Task<HttpResponseMessage> PostAsync(BeaconMockClient mock, string path, string json, string? licenseHeader = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, mock.WireUri(path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (licenseHeader is not null)
            request.Headers.Add("X-Langchain-License-Key", licenseHeader);
        return Wire.SendAsync(request);
    }

    public Task<HttpResponseMessage> VerifyAsync(BeaconMockClient mock, string license) =>
        PostAsync(mock, "/v1/beacon/verify", $$"""{"license": "{{license}}"}""");
}
