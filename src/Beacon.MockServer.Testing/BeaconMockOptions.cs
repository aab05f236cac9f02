using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Beacon.MockServer.Testing;

/// <summary>
/// How <see cref="BeaconMock.StartAsync"/> starts the mock. Settings are the documented configuration keys, as a user
/// would set them in appsettings.json; nothing else reaches the mock (not the test's appsettings.json, working
/// directory or environment variables), so a test sees the same mock on every machine.
/// </summary>
public sealed class BeaconMockOptions
{
    private int _licenses;

    /// <summary>
    /// Configuration keys and values: <c>options.Settings["Beacon:RequireKnownLicense"] = "true"</c>,
    /// <c>["Beacon:Faults:0:Status"] = "503"</c>, <c>["Beacon:Admin:Token"] = "..."</c> (the client then sends it).
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The mock's clock: a <c>FakeTimeProvider</c> lets a test move past a token's expiry or a fault's delay. Null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Also serve HTTPS on another free loopback port (<see cref="BeaconMock.HttpsAddress"/>), with certificates from the mock's own CA.</summary>
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

    /// <summary>
    /// Adds a license to <c>Beacon:Licenses</c>, as appsettings.json would. With <c>Beacon:RequireKnownLicense</c>,
    /// only added licenses are accepted.
    /// </summary>
    /// <param name="key">The license key or API key.</param>
    /// <param name="status"><c>active</c>, <c>expired</c> or <c>revoked</c>.</param>
    /// <param name="id">The token's <c>sub</c>.</param>
    /// <param name="orgId">The organization id of <c>/auth</c> and the token.</param>
    /// <param name="claims">Extra token claims: <c>"true"</c> and numerals are typed.</param>
    public BeaconMockOptions AddLicense(string key, string status = "active", string? id = null, Guid? orgId = null, IReadOnlyDictionary<string, string>? claims = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var at = $"Beacon:Licenses:{_licenses++.ToString(CultureInfo.InvariantCulture)}";
        Settings[$"{at}:Key"] = key;
        Settings[$"{at}:Status"] = status;
        if (id is not null)
            Settings[$"{at}:Id"] = id;
        if (orgId is not null)
            Settings[$"{at}:OrgId"] = orgId.Value.ToString();
        foreach (var (name, value) in claims ?? new Dictionary<string, string>())
            Settings[$"{at}:Claims:{name}"] = value;
        return this;
    }
}
