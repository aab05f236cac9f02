using Beacon.MockServer;
using Beacon.MockServer.Features.Auth;
using Beacon.MockServer.Features.Billing;
using Beacon.MockServer.Features.Captures;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Features.Tokens;
using Beacon.MockServer.Features.Usage;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrl("http://localhost:8080");
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

// The mock's own API.
app.MapCaptureEndpoints();
app.MapHealthEndpoints();

app.Run();

/// <summary>The entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
