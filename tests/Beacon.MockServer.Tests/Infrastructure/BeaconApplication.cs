using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>
/// The mock hosted in memory for one test: its own store, a fake clock the test moves, and every
/// log event it writes. Settings are configuration keys, as a user would set them.
/// </summary>
internal sealed class BeaconApplication(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>When the fake clock starts: a fixed instant, so tests never depend on the real date.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 6, 10, 0, 0, TimeSpan.Zero);

    // Hosts are built one at a time: the factory finds the app's host by listening to process-wide
    // hosting events, and two hosts starting at once can be handed each other's configuration.
    private static readonly Lock StartLock = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public CollectingSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Keep test output quiet; the collecting sink still sees every event.
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:WriteTo:0:Name"] = "Debug",
            ["Beacon:Token:SigningKeyPath"] = TestSigningKey.Path,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILogEventSink>(Logs);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (StartLock)
            return base.CreateHost(builder);
    }

    /// <summary>A client that posts JSON and reads problem bodies without throwing on 4xx.</summary>
    public HttpClient CreateBeaconClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
