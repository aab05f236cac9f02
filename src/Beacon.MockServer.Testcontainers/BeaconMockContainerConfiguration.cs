using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace Beacon.MockServer.Testcontainers;

/// <summary>
/// A <see cref="BeaconMockContainer"/>'s configuration: Testcontainers' own, and the mock's settings as
/// <see cref="Beacon.MockServer.Client.BeaconMockSettings"/> wrote them (each also given to the container as an
/// environment variable, <c>Beacon__Licenses__0__Key</c>). Immutable, as every Testcontainers configuration is.
/// </summary>
public sealed class BeaconMockContainerConfiguration : ContainerConfiguration
{
    /// <summary>A configuration with the mock's settings, and nothing else set.</summary>
    /// <param name="settings">Configuration keys (<c>Beacon:RequireKnownLicense</c>) and their values.</param>
    public BeaconMockContainerConfiguration(IReadOnlyDictionary<string, string>? settings = null) =>
        Settings = settings ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Testcontainers' configuration of the container, with no settings of the mock's.</summary>
    /// <param name="resourceConfiguration">The Docker resource configuration.</param>
    public BeaconMockContainerConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration) => Settings = Empty;

    /// <summary>Testcontainers' configuration of the container, with no settings of the mock's.</summary>
    /// <param name="resourceConfiguration">The container configuration.</param>
    public BeaconMockContainerConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration) => Settings = Empty;

    /// <summary>A copy.</summary>
    /// <param name="resourceConfiguration">The configuration to copy.</param>
    public BeaconMockContainerConfiguration(BeaconMockContainerConfiguration resourceConfiguration)
        : this(new BeaconMockContainerConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>The two merged: what <paramref name="newValue"/> sets wins, its settings too.</summary>
    /// <param name="oldValue">The configuration so far.</param>
    /// <param name="newValue">What changes it.</param>
    public BeaconMockContainerConfiguration(BeaconMockContainerConfiguration oldValue, BeaconMockContainerConfiguration newValue)
        : base(oldValue, newValue)
    {
        var settings = new Dictionary<string, string>(oldValue.Settings, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in newValue.Settings)
            settings[key] = value;
        Settings = settings;
    }

    /// <summary>The mock's settings: configuration keys and their values.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The admin token the settings set, which a client of this mock must send; null when none is set.</summary>
    public string? AdminToken => Settings.TryGetValue("Beacon:Admin:Token", out var token) && token.Length > 0 ? token : null;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
