using System.Net;
using Beacon.MockServer.Tests.Features.Tls;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Beacon.MockServer.Tests;

/// <summary>
/// At start the server says, one line each, which addresses serve HTTP and which HTTPS (as bound, so a port 0
/// shows the port the system chose), and whether pass-through is on: a URL setting that turned HTTPS off says so.
/// </summary>
public sealed class StartupReportTests
{
    [Fact]
    public void OnRealPorts_TheBoundHttpAndHttpsAddressesAreReported_OneLineEach()
    {
        using var mock = new HttpsMock();
        var bound = mock.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

        Assert.Equal(bound.Single(a => a.StartsWith("http://", StringComparison.Ordinal)), Property(mock.App, "Serving HTTP on {HttpAddresses}", "HttpAddresses"));
        Assert.Equal(bound.Single(a => a.StartsWith("https://", StringComparison.Ordinal)), Property(mock.App, "Serving HTTPS on {HttpsAddresses}", "HttpsAddresses"));
        Assert.Single(mock.App.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Pass-through: off", StringComparison.Ordinal));
    }

    [Fact]
    public void WithOnlyAnHttpAddress_NoHttpsIsReported_WithWhatReplacedIt()
    {
        using var app = new BeaconApplication();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();

        Assert.StartsWith("http://127.0.0.1:", Property(app, "Serving HTTP on {HttpAddresses}", "HttpAddresses"));
        var https = Assert.Single(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Serving HTTPS", StringComparison.Ordinal));
        Assert.StartsWith("Serving HTTPS on no address", https.RenderMessage());
        Assert.Contains("ASPNETCORE_URLS and --urls replace ASPNETCORE_HTTP_PORTS and ASPNETCORE_HTTPS_PORTS", https.RenderMessage());
    }

    [Fact]
    public void WithPassThrough_ItsUrlAndKindsAreReported()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Upstream:Url"] = "https://beacon.example.test",
            ["Beacon:Upstream:Kinds:0"] = "verify",
            ["Beacon:Upstream:Kinds:1"] = "metadata",
        });
        _ = app.Server;

        Assert.Equal("https://beacon.example.test", Property(app, "Pass-through: on, to {UpstreamUrl}, for {UpstreamKinds}", "UpstreamUrl"));
        Assert.Equal("verify, metadata", Property(app, "Pass-through: on, to {UpstreamUrl}, for {UpstreamKinds}", "UpstreamKinds"));
    }

    [Fact]
    public void WithPassThroughForEveryKind_SaysSo()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = "http://127.0.0.1:9" });
        _ = app.Server;

        Assert.Equal("every wire kind", Property(app, "Pass-through: on, to {UpstreamUrl}, for {UpstreamKinds}", "UpstreamKinds"));
    }

    [Fact]
    public async Task AsAProcess_AUrlThatReplacesTheHttpsPort_IsReportedAsNoHttps_BesideTheCaLine()
    {
        // What `docker run -e ASPNETCORE_URLS=http://+:9090 beacon-mock` does: the image sets HTTPS_PORTS, the URL replaces it.
        await using var server = Infrastructure.ServerProcess.Start(AppContext.BaseDirectory, "--https_ports", "8443", "--urls", "http://127.0.0.1:0");

        var http = await server.WaitForLineAsync(l => l.Contains("Serving HTTP on", StringComparison.Ordinal));
        var https = await server.WaitForLineAsync(l => l.Contains("Serving HTTPS on", StringComparison.Ordinal));
        var passThrough = await server.WaitForLineAsync(l => l.Contains("Pass-through:", StringComparison.Ordinal));

        Assert.Matches(@"Serving HTTP on http://127\.0\.0\.1:[1-9][0-9]*$", http);
        Assert.Contains("Serving HTTPS on no address", https);
        Assert.Contains("Pass-through: off", passThrough);
        Assert.Single(server.Output, l => l.Contains("TLS: generated a CA for this run only", StringComparison.Ordinal) && l.Contains("SHA-256", StringComparison.Ordinal));
    }

    private static string Property(BeaconApplication app, string template, string name)
    {
        var line = Assert.Single(app.Logs.Events, e => e.MessageTemplate.Text == template);
        Assert.Equal(LogEventLevel.Information, line.Level);
        return Assert.IsType<ScalarValue>(line.Properties[name]).Value as string ?? "";
    }
}
