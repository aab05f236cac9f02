namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>Where the repository's files are, found from the test's own folder.</summary>
public static class Repository
{
    /// <summary>The folder holding Beacon.MockServer.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Beacon.MockServer.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Beacon.MockServer.sln above {AppContext.BaseDirectory}.");
    }
}
