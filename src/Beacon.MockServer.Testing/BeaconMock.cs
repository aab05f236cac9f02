using Beacon.MockServer.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Serilog.Core;

namespace Beacon.MockServer.Testing;

/// <summary>
/// The real mock, running in the test process on a free loopback port: a real socket bound to 127.0.0.1, so the
/// system under test can reach it from another process or a container on the host network as well as in process.
/// Start one with <see cref="StartAsync"/>; dispose it to stop it. Each instance has its own store, clock and port,
/// so tests may start as many as they like, in parallel.
/// </summary>
public sealed class BeaconMock : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly DirectoryInfo _contentRoot;

    private BeaconMock(WebApplication app, DirectoryInfo contentRoot, Uri address, Uri? httpsAddress, string? adminToken)
    {
        _app = app;
        _contentRoot = contentRoot;
        _http = new HttpClient { BaseAddress = address };
        Client = new BeaconMockClient(_http, adminToken);
        HttpsWireBaseAddress = httpsAddress;
    }

    /// <summary>A client of the mock's API, over HTTP, sending the admin token when the settings set one.</summary>
    public BeaconMockClient Client { get; }

    /// <summary>
    /// Where wire requests go, <c>http://127.0.0.1:{port}/</c>: the Beacon endpoint to give the system under test
    /// (<see cref="BeaconMockClient.WireBaseAddress"/>; a namespaced client's is under <c>ns/{namespace}/</c>).
    /// </summary>
    public Uri WireBaseAddress => Client.WireBaseAddress;

    /// <summary>The same over HTTPS, <c>https://127.0.0.1:{port}/</c>, when <see cref="BeaconMockOptions.Https"/> was set; null otherwise.</summary>
    public Uri? HttpsWireBaseAddress { get; }

    /// <summary>The OTLP base for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>{WireBaseAddress}v1/beacon/</c> (<see cref="BeaconMockClient.OtlpEndpoint"/>).</summary>
    public Uri OtlpEndpoint => Client.OtlpEndpoint;

    /// <summary>The traces receiver's full URL, for an exporter's <c>Endpoint</c> set in code (<see cref="BeaconMockClient.OtlpTracesEndpoint"/>).</summary>
    public Uri OtlpTracesEndpoint => Client.OtlpTracesEndpoint;

    /// <summary>The metrics receiver's full URL, for an exporter's <c>Endpoint</c> set in code (<see cref="BeaconMockClient.OtlpMetricsEndpoint"/>).</summary>
    public Uri OtlpMetricsEndpoint => Client.OtlpMetricsEndpoint;

    /// <summary>The logs receiver's full URL, for an exporter's <c>Endpoint</c> set in code (<see cref="BeaconMockClient.OtlpLogsEndpoint"/>).</summary>
    public Uri OtlpLogsEndpoint => Client.OtlpLogsEndpoint;

    /// <summary>
    /// A new <see cref="HttpClient"/> for the wire side, its <see cref="HttpClient.BaseAddress"/> the
    /// <see cref="WireBaseAddress"/>, or a namespace's: <c>await wire.PostAsJsonAsync("v1/beacon/verify", ...)</c> sends
    /// what the system under test would. The caller disposes it.
    /// </summary>
    /// <param name="ns">Send under <c>/ns/{ns}/</c>; null for the unprefixed routes.</param>
    public HttpClient CreateWireClient(string? ns = null) =>
        new() { BaseAddress = ns is null ? WireBaseAddress : Client.ForNamespace(ns).WireBaseAddress };

    /// <summary>
    /// Starts a mock and answers once it listens.
    /// <code>await using var mock = await BeaconMock.StartAsync(o => o.RequireKnownLicense().AddLicense("lcl_demo"));</code>
    /// </summary>
    /// <param name="configure">Settings, licenses, the clock, HTTPS, logging.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is not valid; the message names its key.</exception>
    public static async Task<BeaconMock> StartAsync(Action<BeaconMockOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new BeaconMockOptions();
        configure?.Invoke(options);

        // An empty folder of its own: no appsettings.json, the consumer's or the server's, can be read from it.
        var contentRoot = Directory.CreateTempSubdirectory("beacon-mock-");
        var urls = options.Https ? "http://127.0.0.1:0;https://127.0.0.1:0" : "http://127.0.0.1:0";
        WebApplication? app = null;
        try
        {
            app = BeaconMockServer.Create(["--urls", urls, "--contentRoot", contentRoot.FullName], builder => Configure(builder, options));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var http = addresses.Select(a => new Uri(a)).First(a => a.Scheme == Uri.UriSchemeHttp);
            var https = addresses.Select(a => new Uri(a)).FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps);
            return new BeaconMock(app, contentRoot, http, https, options.AdminToken);
        }
        catch
        {
            if (app is not null)
                await app.DisposeAsync().ConfigureAwait(false);
            contentRoot.Delete(recursive: true);
            throw;
        }
    }

    private static void Configure(WebApplicationBuilder builder, BeaconMockOptions options)
    {
        // The test process's environment variables are not the mock's settings: only BeaconMockOptions are.
        foreach (var source in builder.Configuration.Sources.OfType<EnvironmentVariablesConfigurationSource>().ToList())
            builder.Configuration.Sources.Remove(source);

        var logging = new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = SerilogLevel(options.MinimumLogLevel),
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = SerilogLevel((LogLevel)Math.Max((int)options.MinimumLogLevel, (int)LogLevel.Warning)),
        };
        if (options.LogTo is { } write)
        {
            // A configured sink keeps the mock from adding the console; Debug writes only to an attached debugger.
            logging["Serilog:WriteTo:0:Name"] = "Debug";
            builder.Services.AddSingleton<ILogEventSink>(new TestLogSink(write));
        }
        builder.Configuration.AddInMemoryCollection(logging).AddInMemoryCollection(options.Settings);

        if (options.TimeProvider is { } clock)
        {
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton(clock);
        }
        options.ConfigureBuilder?.Invoke(builder);
    }

    private static string SerilogLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => "Verbose",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        _ => "Fatal",
    };

    /// <summary>
    /// Stops the mock at once: open waits and streams are cut rather than waited for, as a test that is over has no
    /// use for them. Then frees its port and its folder.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        try
        {
            _contentRoot.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A folder that something still holds open stays in the temp folder; it is empty.
        }
    }
}
