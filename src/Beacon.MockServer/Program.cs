using Beacon.MockServer;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Auth;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Features.Inspector;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Features.Tls;
using Beacon.MockServer.Features.Tokens;
using Beacon.MockServer.Features.Usage;

var builder = Hosting.CreateBuilder(args);
builder.UseDefaultUrl("http://localhost:8080", "https://localhost:8443");
builder.AddBeaconLogging();
builder.Services.AddBeaconMock();

var app = builder.Build();
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

// The inspector page at /, a reader of the mock's own API.
app.MapInspector();

try
{
    app.ValidateSettings();
    app.Run();
    return 0;
}
catch (Exception e) when (StartupFailure.Explain(e) is { } line)
{
    // A bad setting or a taken port: say so in one line and exit non-zero, rather than crash with a dump.
    Console.Error.WriteLine(line);
    return 1;
}

/// <summary>The entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
