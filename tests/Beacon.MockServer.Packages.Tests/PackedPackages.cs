using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Beacon.MockServer.Packages.Tests;

/// <summary>
/// The four packages, packed once for every test in the collection, from a copy of the sources in a folder of their
/// own: the repository's bin and obj folders are left to the build that runs beside these tests. They are packed with
/// the repository's version and a unique prerelease suffix, so that no package NuGet cached from an earlier run (under
/// the same id and version) can stand in for them.
/// </summary>
public sealed partial class PackedPackages : IAsyncLifetime
{
    public static readonly string[] Ids = ["Beacon.MockServer", "Beacon.MockServer.Client", "Beacon.MockServer.Testing", "Beacon.MockServer.Testcontainers"];

    private static readonly string[] Copied = ["Directory.Build.props", "Directory.Packages.props", ".editorconfig"];

    public string Repository { get; } = FindRepository();

    /// <summary>A folder of this run's own, deleted at the end.</summary>
    public DirectoryInfo Work { get; } = Directory.CreateTempSubdirectory("beacon-packages-");

    /// <summary>The version in Directory.Build.props.</summary>
    public string BaseVersion { get; private set; } = "";

    /// <summary>The version these packages were packed with.</summary>
    public string Version { get; private set; } = "";

    public string Feed => Path.Combine(Work.FullName, "feed");

    public async Task InitializeAsync()
    {
        BaseVersion = VersionPattern().Match(await File.ReadAllTextAsync(Path.Combine(Repository, "Directory.Build.props"))).Groups[1].Value;
        Version = $"{BaseVersion}-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        var sources = Path.Combine(Work.FullName, "src");
        foreach (var file in Copied)
            File.Copy(Path.Combine(Repository, file), Path.Combine(sources, file).CreateParent());
        foreach (var id in Ids)
            CopyProject(Path.Combine(Repository, "src", id), Path.Combine(sources, "src", id));
        await File.WriteAllTextAsync(Path.Combine(sources, "packages.slnx"),
            "<Solution>\n" + string.Concat(Ids.Select(id => $"  <Project Path=\"src/{id}/{id}.csproj\" />\n")) + "</Solution>\n");

        await Dotnet.SucceedAsync(sources, "pack", "packages.slnx", "-c", "Release", "-o", Feed, $"-p:Version={Version}");
    }

    public Task DisposeAsync()
    {
        Work.Delete(recursive: true);
        return Task.CompletedTask;
    }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The package's .nuspec, as NuGet reads it.</summary>
    public XElement Nuspec(string id)
    {
        using var package = ZipFile.OpenRead(PackagePath(id));
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream).Root!;
    }

    /// <summary>One file of the package, as bytes.</summary>
    public byte[] Read(string id, string path)
    {
        using var package = ZipFile.OpenRead(PackagePath(id));
        using var stream = package.GetEntry(path)?.Open() ?? throw new InvalidOperationException($"No {path} in {id}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public IReadOnlyList<string> Files(string id)
    {
        using var package = ZipFile.OpenRead(PackagePath(id));
        return [.. package.Entries.Select(e => e.FullName)];
    }

    private static void CopyProject(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
                continue;
            File.Copy(file, Path.Combine(to, relative).CreateParent());
        }
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Beacon.MockServer.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Beacon.MockServer.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionPattern();
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}

internal static class Paths
{
    /// <summary>The path, once its folder exists.</summary>
    public static string CreateParent(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
