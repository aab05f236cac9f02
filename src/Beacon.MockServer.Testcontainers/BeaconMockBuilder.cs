using Beacon.MockServer.Client;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Images;

namespace Beacon.MockServer.Testcontainers;

/// <summary>
/// Builds a <see cref="BeaconMockContainer"/> from the mock's Docker image (the repository's Dockerfile, <c>docker build
/// -t beacon-mock .</c>): HTTP on 8080 and HTTPS on 8443, each bound to a random host port; ready once <c>/healthz</c>
/// answers 200; known as <c>beacon.langchain.com</c> and <c>api.smith.langchain.com</c> on every network it joins
/// (<c>WithNetwork</c>), so a product container on the same network reaches it by the names it already uses.
/// <code>
/// await using var beacon = new BeaconMockBuilder("beacon-mock")
///     .WithSettings(s => s.RequireKnownLicense().AddLicense("lcl_demo"))
///     .Build();
/// await beacon.StartAsync();
/// </code>
/// </summary>
public sealed class BeaconMockBuilder : ContainerBuilder<BeaconMockBuilder, BeaconMockContainer, BeaconMockContainerConfiguration>
{
    /// <summary>The port the image serves HTTP on, <c>/healthz</c> included.</summary>
    public const ushort HttpPort = 8080;

    /// <summary>The port the image serves HTTPS on, with certificates from the mock's own CA.</summary>
    public const ushort HttpsPort = 8443;

    /// <summary>The names the container answers to on its networks: the hosts real deployments call.</summary>
    public static readonly IReadOnlyList<string> BeaconHostNames = ["beacon.langchain.com", "api.smith.langchain.com"];

    /// <summary>A builder for the mock's image.</summary>
    /// <param name="image">The image, as tagged when built: <c>beacon-mock</c>, or <c>beacon-mock:0.4.0</c>.</param>
    public BeaconMockBuilder(string image)
        : this(new DockerImage(image))
    {
    }

    /// <summary>A builder for the mock's image.</summary>
    /// <param name="image">The image.</param>
    public BeaconMockBuilder(IImage image)
        : this(new BeaconMockContainerConfiguration()) =>
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;

    private BeaconMockBuilder(BeaconMockContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration) => DockerResourceConfiguration = resourceConfiguration;

    /// <inheritdoc />
    protected override BeaconMockContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>
    /// Configures the mock with the same typed settings as Beacon.MockServer.Testing's <c>BeaconMockOptions</c>:
    /// licenses, fault rules, strict mode, tokens, pass-through, the admin token, and any key through
    /// <see cref="BeaconMockSettings.Settings"/>. Each call adds to what earlier calls set.
    /// </summary>
    /// <param name="configure">Sets the settings: <c>s => s.RequireKnownLicense().AddLicense("lcl_demo")</c>.</param>
    public BeaconMockBuilder WithSettings(Action<BeaconMockSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var settings = new BeaconMockSettings();
        foreach (var (key, value) in DockerResourceConfiguration.Settings)
            settings.Settings[key] = value;
        configure(settings);

        var set = settings.Settings.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase);
        // As environment variables, the way `docker run -e Beacon__Licenses__0__Key=...` gives them.
        var environment = set.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.Ordinal);
        return Merge(DockerResourceConfiguration, new BeaconMockContainerConfiguration(set)).WithEnvironment(environment);
    }

    /// <inheritdoc />
    public override BeaconMockContainer Build()
    {
        Validate();
        return new BeaconMockContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override BeaconMockBuilder Init() =>
        base.Init()
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithPortBinding(HttpsPort, assignRandomHostPort: true)
            .WithNetworkAliases(BeaconHostNames)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(HttpPort).ForPath("/healthz")));

    /// <inheritdoc />
    protected override BeaconMockBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new BeaconMockContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override BeaconMockBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new BeaconMockContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override BeaconMockBuilder Merge(BeaconMockContainerConfiguration oldValue, BeaconMockContainerConfiguration newValue) =>
        new(new BeaconMockContainerConfiguration(oldValue, newValue));
}
