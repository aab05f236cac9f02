using System.Text.RegularExpressions;

namespace Beacon.MockServer.Packages.Tests;

/// <summary>
/// The README's xunit example is true, and the packages fit in a product's test project: the first C# block of "Testing
/// from .NET", verbatim, compiles and passes in a fresh <c>dotnet new xunit</c> project that takes Beacon.MockServer.Testing
/// and Beacon.MockServer.Testcontainers from the packed folder, as a reader would. Beside it, the same project tests a
/// product of its own with <c>WebApplicationFactory&lt;Program&gt;</c> (a <c>dotnet new web</c> app, whose generated
/// <c>Program</c> is public) and names every public type of the packages in a file that imports what a test project
/// commonly imports: a type of ours that collided with the product's <c>Program</c> (CS0433) or with a name of
/// System.Text.RegularExpressions, System.Net.Http, xunit or Testcontainers (CS0104) would fail its build.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ReadmeExampleTests(PackedPackages packages)
{
    private static readonly string[] CommonImports =
    [
        "System.Net.Http", "System.Net.Http.Headers", "System.Net.Http.Json", "System.Text.RegularExpressions", "Xunit",
        "Microsoft.AspNetCore.Mvc.Testing", "DotNet.Testcontainers.Builders", "DotNet.Testcontainers.Containers",
        "DotNet.Testcontainers.Networks", "Beacon.MockServer", "Beacon.MockServer.Client", "Beacon.MockServer.Testing",
        "Beacon.MockServer.Testcontainers",
    ];

    [Fact]
    public async Task ReadmeExample_AndAProductOfItsOwn_CompileAndPass_InAFreshXunitProject()
    {
        var example = Example(await File.ReadAllTextAsync(Path.Combine(packages.Repository, "README.md")));
        var product = Path.Combine(packages.Work.FullName, "ProductApp");
        var project = Path.Combine(packages.Work.FullName, "ReadmeExample");
        // Outside the repository, so none of its Directory.Build.props or Directory.Packages.props apply.
        await Dotnet.SucceedAsync(packages.Work.FullName, "new", "web", "-o", product, "--no-restore");
        await Dotnet.SucceedAsync(packages.Work.FullName, "new", "xunit", "-o", project, "--no-restore");
        await File.WriteAllTextAsync(Path.Combine(packages.Work.FullName, "nuget.config"), NuGetConfig());
        await Dotnet.SucceedAsync(project, "add", "package", "Beacon.MockServer.Testing", "--version", packages.Version);
        await Dotnet.SucceedAsync(project, "add", "package", "Beacon.MockServer.Testcontainers", "--version", packages.Version);
        await Dotnet.SucceedAsync(project, "add", "package", "Microsoft.AspNetCore.Mvc.Testing", "--version", "10.0.13");
        await Dotnet.SucceedAsync(project, "add", "reference", product);
        foreach (var file in Directory.EnumerateFiles(project, "*.cs"))
            File.Delete(file);
        await File.WriteAllTextAsync(Path.Combine(project, "ReadmeExample.cs"), example);
        await File.WriteAllTextAsync(Path.Combine(project, "FitsIn.cs"), FitsIn());

        var output = await Dotnet.SucceedAsync(project, "test");

        var summary = Summary().Match(output);
        Assert.True(summary.Success, $"No test summary in:\n{output}");
        Assert.Equal((0, Facts().Count(example) + 1), (int.Parse(summary.Groups["failed"].Value), int.Parse(summary.Groups["passed"].Value)));
        Assert.DoesNotContain("warning CS0436", output);
    }

    /// <summary>
    /// A test class of the product's own: WebApplicationFactory&lt;Program&gt; over the product, Regex's Capture, and every
    /// public type of the packages named plainly under the common imports.
    /// </summary>
    private string FitsIn()
    {
        var types = PackedPackages.Ids.SelectMany(id => PublicTypes.Of(packages.Read(id, $"lib/net10.0/{id}.dll")))
            .Select(t => $"        typeof({PublicTypes.TypeOf(t)}),\n");
        return string.Concat(CommonImports.Select(n => $"using {n};\n")) + $$"""

            namespace MyProduct.Tests;

            public sealed class FitsIn
            {
                private static readonly Type[] Ours =
                [
            {{string.Concat(types)}}    ];

                [Fact]
                public async Task TheProductsProgram_AndRegexsCapture_AreTheOnesNamed()
                {
                    using var factory = new WebApplicationFactory<Program>();
                    using var client = factory.CreateClient();
                    Capture capture = Regex.Match("beacon", "b.");

                    Assert.Equal("Hello World!", await client.GetStringAsync("/"));
                    Assert.Equal("be", capture.Value);
                    Assert.Equal(Ours.Length, Ours.Distinct().Count());
                }
            }

            """;
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
    /// The packed folder, then nuget.org as every project has it (one file beside both projects). Packages are unpacked into a folder of this run's
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
