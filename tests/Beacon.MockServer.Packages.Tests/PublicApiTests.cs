using System.Xml.Linq;

namespace Beacon.MockServer.Packages.Tests;

/// <summary>Only documented types are public, and each package's XML documentation describes its own types alone.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PublicApiTests(PackedPackages packages)
{
    [Fact]
    public void Server_MakesOnlyItsEntryForAnotherAssemblyPublic_NotProgram()
    {
        Assert.Equal(["Beacon.MockServer.BeaconMockServer"], PublicTypes.Of(packages.Read("Beacon.MockServer", "lib/net10.0/Beacon.MockServer.dll")));
    }

    [Theory]
    [InlineData("Beacon.MockServer.Client")]
    [InlineData("Beacon.MockServer.Testing")]
    [InlineData("Beacon.MockServer.Testcontainers")]
    public void EveryPublicType_IsDocumented_AndTheDocumentationHoldsOnlyThePackagesOwnTypes(string id)
    {
        var types = PublicTypes.Of(packages.Read(id, $"lib/net10.0/{id}.dll"));
        var documented = XDocument.Parse(System.Text.Encoding.UTF8.GetString(packages.Read(id, $"lib/net10.0/{id}.xml")))
            .Descendants("member").Select(m => (string)m.Attribute("name")!).ToList();

        Assert.NotEmpty(types);
        Assert.All(types, type => Assert.StartsWith(id + ".", type, StringComparison.Ordinal));
        Assert.All(types, type => Assert.Contains($"T:{type}", documented));
        Assert.All(documented, member => Assert.StartsWith(id + ".", member[2..], StringComparison.Ordinal));
    }
}
