using System.Text.RegularExpressions;

namespace Beacon.MockServer.Packages.Tests;

/// <summary>
/// The README's xunit example is true: the first C# block of "Testing from .NET", verbatim, compiles and passes in a
/// fresh <c>dotnet new xunit</c> project that takes Beacon.MockServer.Testing from the packed folder, as a reader would.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ReadmeExampleTests(PackedPackages packages)
{
    [Fact]
    public async Task ReadmeExample_CompilesAndPasses_InAFreshXunitProject()
    {
        var example = Example(await File.ReadAllTextAsync(Path.Combine(packages.Repository, "README.md")));
        var project = Path.Combine(packages.Work.FullName, "ReadmeExample");
        // Outside the repository, so none of its Directory.Build.props or Directory.Packages.props apply.
        await Dotnet.SucceedAsync(packages.Work.FullName, "new", "xunit", "-o", project, "--no-restore");
        await File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), NuGetConfig());
        await Dotnet.SucceedAsync(project, "add", "package", "Beacon.MockServer.Testing", "--version", packages.Version);
        foreach (var file in Directory.EnumerateFiles(project, "*.cs"))
            File.Delete(file);
        await File.WriteAllTextAsync(Path.Combine(project, "ReadmeExample.cs"), example);

        var output = await Dotnet.SucceedAsync(project, "test");

        var summary = Summary().Match(output);
        Assert.True(summary.Success, $"No test summary in:\n{output}");
        Assert.Equal((0, Facts().Count(example)), (int.Parse(summary.Groups["failed"].Value), int.Parse(summary.Groups["passed"].Value)));
    }

    /// <summary>The first ```csharp block after the "## Testing from .NET" heading, as written.</summary>
    private static string Example(string readme)
    {
        var section = readme.IndexOf("\n## Testing from .NET\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "The README has no '## Testing from .NET' section.");
        var block = CSharpBlock().Match(readme, section);
        Assert.True(block.Success, "The section has no ```csharp block.");
        var example = block.Groups["code"].Value;
        Assert.Contains("BeaconMock.StartAsync", example);
        return example;
    }

    /// <summary>
    /// The packed folder, then nuget.org as every project has it. Packages are unpacked into a folder of this run's
    /// own, so nothing of this run is left in the machine's NuGet cache; the packages that cache already holds are
    /// taken from it rather than downloaded again.
    /// </summary>
    private string NuGetConfig()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(cache) ? $"""<fallbackPackageFolders><add key="machine" value="{cache}" /></fallbackPackageFolders>""" : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(packages.Work.FullName, "nuget-packages")}" /></config>
              <packageSources>
                <add key="beacon-local" value="{packages.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              {fallback}
            </configuration>
            """;
    }

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+)")]
    private static partial Regex Summary();

    [GeneratedRegex(@"\[Fact\]")]
    private static partial Regex Facts();
}
