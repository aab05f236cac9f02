using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Client;
using DotNet.Testcontainers.Builders;

namespace Beacon.MockServer.Testcontainers.Tests;

/// <summary>
/// The module against a real Docker daemon and the image built here (tagged <c>beacon-mock</c>, or what
/// <c>BEACON_MOCK_IMAGE</c> names). Run by tests/testcontainers.sh, never by <c>dotnet test</c> alone.
/// </summary>
public sealed class BeaconMockContainerTests
{
    private static readonly string Image = Environment.GetEnvironmentVariable("BEACON_MOCK_IMAGE") is { Length: > 0 } image ? image : "beacon-mock";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Container_IsReadyOnHealthz_WithItsSettings_AndAClientPointedAtIt()
    {
        await using var beacon = new BeaconMockBuilder(Image)
            .WithSettings(s => s.RequireKnownLicense().AddLicense("lcl_demo"))
            .WithSettings(s => s.AddFault(new() { Match = new() { Kind = CaptureKind.UsageSnapshot }, Status = 503, Times = 1 }).WithAdminToken("admin-token-1"))
            .Build();
        await beacon.StartAsync();
        using var wire = beacon.CreateWireClient();

        var known = await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_demo" });
        var unknown = await wire.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_stranger" });
        var verifies = await beacon.GetClient().WaitForCapturesAsync<VerifyCapture>(new() { Count = 2, Timeout = Soon });
        var fault = Assert.Single((await beacon.GetClient().GetFaultsAsync()).Items);
        using var anonymous = new HttpClient { BaseAddress = beacon.GetWireBaseAddress() };
        var locked = await anonymous.GetAsync("mock/captures");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (known.StatusCode, unknown.StatusCode));
        Assert.Equal([(200, "lcl_demo"), (403, "lcl_stranger")], verifies.Items.Select(v => (v.Capture.Status ?? 0, v.Payload?.License ?? "")));
        Assert.Equal((true, CaptureKind.UsageSnapshot, 503), (fault.Configured, fault.Match.Kind, fault.Status ?? 0));
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(beacon.GetWireBaseAddress(), beacon.GetClient().WireBaseAddress);
        Assert.EndsWith("/", beacon.GetWireBaseAddress().AbsoluteUri);
    }

    [Fact]
    public async Task Https_ServesACertificateFromTheCaTheContainerGives()
    {
        await using var beacon = new BeaconMockBuilder(Image).Build();
        await beacon.StartAsync();
        using var ca = await beacon.GetCaCertificateAsync();
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => IssuedBy(ca, certificate) };
        using var https = new HttpClient(handler) { BaseAddress = beacon.GetHttpsWireBaseAddress() };

        var verify = await https.PostAsJsonAsync("v1/beacon/verify", new { license = "lcl_https" });

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.StartsWith("CN=Beacon.MockServer CA", ca.Subject, StringComparison.Ordinal);
        Assert.Equal("https", beacon.GetHttpsWireBaseAddress().Scheme);
        Assert.Equal(CaptureKind.Verify, Assert.Single((await beacon.GetClient().GetCapturesAsync()).Items).Kind);
    }

    [Fact]
    public async Task AProductContainerOnTheSameNetwork_ReachesTheMockByBeaconsOwnNames()
    {
        await using var network = new NetworkBuilder().Build();
        await using var beacon = new BeaconMockBuilder(Image).WithNetwork(network).Build();
        await beacon.StartAsync();
        var ca = (await beacon.GetCaCertificateAsync()).ExportCertificatePem();
        // The product: any container on the network. This one is the same image (it has bash and openssl), idle until told.
        await using var product = new ContainerBuilder(Image)
            .WithNetwork(network)
            .WithEntrypoint("sleep", "infinity")
            .WithResourceMapping(System.Text.Encoding.ASCII.GetBytes(ca), FilePath.Of("/tmp/beacon-ca.pem"))
            .Build();
        await product.StartAsync();

        var result = await product.ExecAsync(["bash", "-c", ProductScript]);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Equal(
            ["http beacon.langchain.com /v1/beacon/verify: HTTP/1.1 200 OK", "http api.smith.langchain.com /auth?langgraph-api=true: HTTP/1.1 200 OK", "https beacon.langchain.com /v1/beacon/verify: HTTP/1.1 200 OK"],
            result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var captures = await beacon.GetClient().WaitForCapturesAsync(new() { Count = 3, Timeout = Soon });
        Assert.Equal([(CaptureKind.Verify, "lcl_over_http"), (CaptureKind.Auth, "lsv2_over_http"), (CaptureKind.Verify, "lcl_over_https")],
            captures.Items.Select(c => (c.Kind, c.License ?? "")));
    }

    /// <summary>
    /// What the product container runs: requests by the aliases, over HTTP with bash's /dev/tcp and over HTTPS with
    /// openssl trusting only the mock's CA (a certificate it does not trust leaves no status); one line per answer's status.
    /// </summary>
    private const string ProductScript = """
        set -eu  # no pipefail: head stops reading openssl once it has the status line
        message() { # host method path header body; printed straight to the connection (a $(...) would drop its last newlines)
          printf '%s %s HTTP/1.0\r\nHost: %s\r\n%s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' "$2" "$3" "$1" "$4" "${#5}" "$5"
        }
        request() { # scheme host port method path header body
          if [ "$1" = http ]; then
            exec 3<>"/dev/tcp/$2/$3"
            message "$2" "$4" "$5" "$6" "$7" >&3
            IFS= read -r status <&3
            exec 3>&-
          else
            status=$(message "$2" "$4" "$5" "$6" "$7" | openssl s_client -quiet -verify_return_error -CAfile /tmp/beacon-ca.pem \
              -connect "$2:$3" -servername "$2" 2>/dev/null | head -1)
          fi
          echo "$1 $2 $5: ${status%$'\r'}"
        }
        request http beacon.langchain.com 8080 POST /v1/beacon/verify 'X-Test: 1' '{"license":"lcl_over_http"}'
        request http api.smith.langchain.com 8080 GET '/auth?langgraph-api=true' 'X-Api-Key: lsv2_over_http' ''
        request https beacon.langchain.com 8443 POST /v1/beacon/verify 'X-Test: 1' '{"license":"lcl_over_https"}'
        """;

    private static bool IssuedBy(X509Certificate2 ca, X509Certificate2? certificate)
    {
        if (certificate is null)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
