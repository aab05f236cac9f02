using System.Net;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Features.Upstream;

/// <summary>
/// An upstream that answers every request with a handler, on real Kestrel on a loopback port (over
/// HTTPS with a certificate when one is given): for what another mock would not do as an upstream
/// (record every header, answer with chosen headers, stream without end, present a chosen certificate). Hosted as a
/// <see cref="BeaconApplication"/> whose pipeline is the handler alone, so it starts one host at a time with the rest.
/// </summary>
internal sealed class TinyUpstream : IDisposable
{
    private readonly BeaconApplication _host = new();
    private readonly WebApplicationFactory<Program> _app;

    public TinyUpstream(RequestDelegate handler, X509Certificate2? certificate = null)
    {
        _app = _host.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Answering(handler))));
        _app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        _app.StartServer();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(Url).Port;
    }

    /// <summary>Where it listens: <c>http://127.0.0.1:port</c> (or https).</summary>
    public string Url { get; }

    public int Port { get; }

    public void Dispose()
    {
        _app.Dispose();
        _host.Dispose();
    }

    /// <summary>Replaces the app's whole pipeline with the handler.</summary>
    private sealed class Answering(RequestDelegate handler) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app => app.Run(handler);
    }
}
