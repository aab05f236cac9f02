namespace Beacon.MockServer.Store;

internal static class Ellipsis
{
    /// <summary>
    /// <paramref name="text"/> when it is at most <paramref name="maxChars"/> long; otherwise its start and an ellipsis,
    /// <paramref name="maxChars"/> characters in all, so that a cut always shows.
    /// </summary>
    public static string Cut(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");
}
