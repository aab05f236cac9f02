using Beacon.MockServer.Api;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Auth;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Features.Inspector;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Features.Tls;
using Beacon.MockServer.Features.Tokens;
using Beacon.MockServer.Features.Unmatched;
using Beacon.MockServer.Features.Usage;

namespace Beacon.MockServer;

/// <summary>
/// The Beacon mock as a web application: what <c>dotnet run</c> starts, and what <c>Beacon.MockServer.Testing</c>
/// starts inside a test process. Reads as the table of contents: the services, the middleware, then the routes.
/// </summary>
public static class BeaconMockServer
{
    /// <summary>
    /// Builds the mock with its settings from <paramref name="args"/> (<c>--urls</c>, <c>--Beacon:...</c>), the
    /// environment and its appsettings.json, ready to run.
    /// </summary>
    /// <param name="args">Command-line arguments, as <c>dotnet Beacon.MockServer.dll</c> takes them.</param>
    /// <param name="configure">Changes the builder before the app is built: settings, services (a TimeProvider), Kestrel.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = Hosting.CreateBuilder(args);
        builder.UseDefaultUrl("http://localhost:8080", "https://localhost:8443");
        builder.AddBeaconLogging();
        builder.Services.AddBeaconMock();
        configure?.Invoke(builder);

        var app = builder.Build();
        // Before anything binds a setting: a key no options class takes, or a value of the wrong type, stops here.
        SettingsCheck.Enforce(app.Configuration, [.. app.Services.GetServices<SettingsSection>()]);
        app.UseBeaconPipeline();

        // The wire surface: what Beacon (and LangSmith's /auth) answer.
        app.MapVerifyEndpoints();
        app.MapJwksEndpoints();
        app.MapIngestTracesEndpoints();
        app.MapUsageEndpoints();
        app.MapAuthEndpoints();
        app.MapOtlpEndpoints();

        // The mock's own API.
        app.MapCaptureEndpoints();
        app.MapCaptureFeedEndpoints();
        app.MapLicenseEndpoints();
        app.MapOtlpViewEndpoints();
        app.MapBillingEndpoints();
        app.MapFaultEndpoints();
        app.MapTlsEndpoints();
        app.MapHealthEndpoints();
        app.MapInfoEndpoints();
        app.MapEgressEndpoints();

        // The inspector page at /, a reader of the mock's own API.
        app.MapInspectorEndpoints();

        // Last, what no route takes: a mistake on the mock's own paths, and any other path, captured as unmatched.
        app.MapFallbackEndpoints();
        app.MapUnmatchedEndpoints();

        return app;
    }
}
