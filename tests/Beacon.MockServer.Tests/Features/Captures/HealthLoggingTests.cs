using Beacon.MockServer.Tests.Infrastructure;
using Serilog.Events;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>A health probe every ten seconds must not fill the log: /healthz is logged at Debug, everything else as before.</summary>
public sealed class HealthLoggingTests
{
    [Fact]
    public async Task HealthProbes_AreLoggedAtDebug_OtherRequestsAtInformation()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Debug" });
        var client = app.CreateBeaconClient();

        await client.GetAsync("/healthz");
        await client.GetAsync("/mock/captures");

        var requests = app.Logs.Events.Where(e => e.Properties.ContainsKey("RequestPath") && e.Properties.ContainsKey("StatusCode")).ToList();
        Assert.Equal(LogEventLevel.Debug, Assert.Single(requests, e => e.Properties["RequestPath"].ToString() == "\"/healthz\"").Level);
        Assert.Equal(LogEventLevel.Information, Assert.Single(requests, e => e.Properties["RequestPath"].ToString() == "\"/mock/captures\"").Level);
    }
}
