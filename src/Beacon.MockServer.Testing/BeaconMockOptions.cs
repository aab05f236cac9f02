using Beacon.MockServer.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Beacon.MockServer.Testing;

/// <summary>
/// How <see cref="BeaconMock.StartAsync"/> starts the mock: its configuration (the typed methods of
/// <see cref="BeaconMockSettings"/>, <c>AddLicense</c>, <c>AddFault</c>, <c>RequireKnownLicense</c>..., and
/// <see cref="BeaconMockSettings.Settings"/> for any other documented key), its clock, HTTPS and logging. Nothing else
/// reaches the mock (not the test's appsettings.json, working directory or environment variables), so a test sees the
/// same mock on every machine.
/// </summary>
public sealed class BeaconMockOptions : BeaconMockSettings
{
    /// <summary>The mock's clock: a <c>FakeTimeProvider</c> lets a test move past a token's expiry or a fault's delay. Null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Also serve HTTPS on another free loopback port (<see cref="BeaconMock.HttpsWireBaseAddress"/>), with certificates from the mock's own CA.</summary>
    public bool Https { get; set; }

    /// <summary>The least important log events written: <see cref="LogLevel.Warning"/> by default, so a test run stays quiet.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>
    /// Where the mock's log lines go, one formatted line each (an xunit <c>ITestOutputHelper.WriteLine</c>, say); when set,
    /// nothing goes to the console. Null writes them to the console.
    /// </summary>
    public Action<string>? LogTo { get; set; }

    /// <summary>Changes the application builder last, after the settings: an escape hatch for services or Kestrel options.</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; set; }
}
