using Beacon.MockServer.Features.Upstream;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer;

/// <summary>
/// Says at start what this server serves, one line each: the addresses that serve HTTP, those that serve HTTPS,
/// and whether pass-through is on. (The CA's line, with its fingerprint, is the TLS feature's own.) The addresses
/// are the ones bound, read once the server listens: a port 0 shows the port the system chose, and a URL that
/// replaced the HTTPS port (<c>ASPNETCORE_URLS</c>, <c>--urls</c>) shows as no HTTPS at all.
/// </summary>
internal sealed partial class StartupReport(
    IServer server, IHostApplicationLifetime lifetime, IOptions<UpstreamOptions> upstream, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        // A server that reports no addresses (a host without one) has nothing to say about them.
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (addresses.Count > 0)
        {
            var http = Scheme(addresses, "http");
            var https = Scheme(addresses, "https");
            if (http.Length > 0)
                ServingHttp(logger, http);
            else
                NoHttp(logger);
            if (https.Length > 0)
                ServingHttps(logger, https);
            else
                NoHttps(logger);
        }

        var options = upstream.Value;
        if (options.Url is null)
            PassThroughOff(logger);
        else
            PassThroughOn(logger, options.Url, options.Kinds.Count == 0 ? "every wire kind" : string.Join(", ", options.Kinds));
    }

    private static string Scheme(List<string> addresses, string scheme) =>
        string.Join(", ", addresses.Where(a => a.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase)));

    [LoggerMessage(LogLevel.Information, "Serving HTTP on {HttpAddresses}")]
    private static partial void ServingHttp(ILogger logger, string httpAddresses);

    [LoggerMessage(LogLevel.Information, "Serving HTTP on no address (no http:// URL or HTTP port is configured)")]
    private static partial void NoHttp(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Serving HTTPS on {HttpsAddresses}")]
    private static partial void ServingHttps(ILogger logger, string httpsAddresses);

    [LoggerMessage(LogLevel.Information, "Serving HTTPS on no address (no https:// URL or HTTPS port is configured; "
        + "ASPNETCORE_URLS and --urls replace ASPNETCORE_HTTP_PORTS and ASPNETCORE_HTTPS_PORTS, so list an https:// URL there too)")]
    private static partial void NoHttps(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Pass-through: off (Beacon:Upstream:Url is not set), every request is answered by the mock")]
    private static partial void PassThroughOff(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Pass-through: on, to {UpstreamUrl}, for {UpstreamKinds}")]
    private static partial void PassThroughOn(ILogger logger, string upstreamUrl, string upstreamKinds);
}
