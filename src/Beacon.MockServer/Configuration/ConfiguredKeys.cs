namespace Beacon.MockServer.Configuration;

/// <summary>Names a setting as the user configured it.</summary>
internal static class ConfiguredKeys
{
    /// <summary>
    /// The configuration key of each item of a bound list, as configured: the binder packs <c>:0</c> and <c>:2</c>
    /// into positions 0 and 1, but a message about the second must say <c>:2</c>.
    /// </summary>
    public static IReadOnlyList<string> Of(IConfiguration configuration, string list, int count)
    {
        var children = configuration.GetSection(list).GetChildren().Select(c => c.Path).ToList();
        return children.Count == count ? children : [.. Enumerable.Range(0, count).Select(i => $"{list}:{i}")];
    }
}
