using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary><c>GET /mock/tls/ca.pem</c>: the CA certificate a client trusts, never its key, behind the admin token like every /mock route.</summary>
public sealed class CaEndpointTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:Admin:Token"] = Token })
{
    private const string Token = "s3cret-admin-token";

    [Fact]
    public async Task CaPem_HoldsTheCaCertificateAndNoPrivateKey()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var response = await client.GetAsync("/mock/tls/ca.pem");
        var pem = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        Assert.Equal(1, pem.Split("-----BEGIN ").Length - 1);
        Assert.DoesNotContain("PRIVATE", pem, StringComparison.Ordinal);
        using var authority = X509Certificate2.CreateFromPem(pem);
        Assert.False(authority.HasPrivateKey);
        Assert.True(authority.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public async Task CaPem_WithoutTheAdminToken_Answers401()
    {
        var response = await App.CreateClient().GetAsync("/mock/tls/ca.pem");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CaPem_IsDocumentedAsAMockRouteAnsweringPem()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty("/mock/tls/ca.pem").GetProperty("get");
        Assert.Equal("Mock", operation.GetProperty("tags")[0].GetString());
        Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/x-pem-file", out _));
    }
}
