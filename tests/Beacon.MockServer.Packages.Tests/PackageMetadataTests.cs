using System.Xml.Linq;

namespace Beacon.MockServer.Packages.Tests;

/// <summary>What NuGet and a consumer read from each package: its metadata, its dependencies and its files.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageMetadataTests(PackedPackages packages)
{
    [Theory]
    [InlineData("Beacon.MockServer")]
    [InlineData("Beacon.MockServer.Client")]
    [InlineData("Beacon.MockServer.Testing")]
    [InlineData("Beacon.MockServer.Testcontainers")]
    public void EveryPackage_CarriesItsMetadataAndReadme(string id)
    {
        var metadata = Metadata(id);

        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(packages.Version, Value(metadata, "version"));
        Assert.StartsWith(packages.BaseVersion + "-", packages.Version);
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "authors")));
        var license = Element(metadata, "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        var repository = Element(metadata, "repository");
        Assert.Equal(("git", "https://github.com/beacon-mockserver/beacon-mockserver"), ((string?)repository.Attribute("type"), (string?)repository.Attribute("url")));
        Assert.Contains("beacon", Value(metadata, "tags").Split(' '));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("README.md", packages.Files(id));
        Assert.Contains($"lib/net10.0/{id}.dll", packages.Files(id));
        Assert.Contains($"lib/net10.0/{id}.xml", packages.Files(id));
    }

    [Fact]
    public void Server_DependsOnItsPackagesAndTheAspNetCoreFramework_AndShipsNoSettingsFile()
    {
        var metadata = Metadata("Beacon.MockServer");

        Assert.Equal(
            ["Google.Protobuf", "Microsoft.AspNetCore.OpenApi", "Microsoft.IdentityModel.JsonWebTokens", "Serilog.AspNetCore", "Swashbuckle.AspNetCore.SwaggerUI", "Yarp.ReverseProxy"],
            Dependencies(metadata).Select(d => d.Id).Order());
        Assert.Equal(["Microsoft.AspNetCore.App"], FrameworkReferences(metadata));
        Assert.DoesNotContain(packages.Files("Beacon.MockServer"), f => f.EndsWith("appsettings.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_DependsOnNothing()
    {
        var metadata = Metadata("Beacon.MockServer.Client");

        Assert.Empty(Dependencies(metadata));
        Assert.Empty(FrameworkReferences(metadata));
    }

    [Fact]
    public void Testing_DependsOnTheServerAndTheClientOfItsOwnVersion()
    {
        var metadata = Metadata("Beacon.MockServer.Testing");

        Assert.Equal([("Beacon.MockServer", packages.Version), ("Beacon.MockServer.Client", packages.Version)],
            Dependencies(metadata).Select(d => (d.Id, d.Version)).Order());
        Assert.Equal(["Microsoft.AspNetCore.App"], FrameworkReferences(metadata));
    }

    [Fact]
    public void Testcontainers_DependsOnTestcontainersAndTheClientOfItsOwnVersion_AndNoFramework()
    {
        var metadata = Metadata("Beacon.MockServer.Testcontainers");

        Assert.Equal([("Beacon.MockServer.Client", packages.Version), ("Testcontainers", "4.17.0")],
            Dependencies(metadata).Select(d => (d.Id, d.Version)).Order());
        Assert.Empty(FrameworkReferences(metadata));
    }

    private XElement Metadata(string id) => Element(packages.Nuspec(id), "metadata");

    private static XElement Element(XElement parent, string name) =>
        parent.Element(parent.Name.Namespace + name) ?? throw new InvalidOperationException($"No <{name}> in <{parent.Name.LocalName}>.");

    private static string Value(XElement metadata, string name) => Element(metadata, name).Value;

    private static IEnumerable<(string Id, string Version)> Dependencies(XElement metadata) =>
        metadata.Descendants(metadata.Name.Namespace + "dependency").Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!));

    private static string[] FrameworkReferences(XElement metadata) =>
        [.. metadata.Descendants(metadata.Name.Namespace + "frameworkReference").Select(f => (string)f.Attribute("name")!)];
}
