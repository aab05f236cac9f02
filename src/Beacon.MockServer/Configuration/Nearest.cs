namespace Beacon.MockServer.Configuration;

/// <summary>Which of some known words is nearest to one a user wrote: a setting's name, a route's path.</summary>
internal static class Nearest
{
    /// <summary>
    /// The candidates within <paramref name="most"/> edits of <paramref name="given"/> (ignoring case), nearest first;
    /// by default, a third of the longer word's length, at least 2.
    /// </summary>
    public static IEnumerable<string> To(string given, IEnumerable<string> candidates, int? most = null) =>
        candidates.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (Word: c, Distance: Distance(given, c)))
            .Where(c => c.Distance <= (most ?? Math.Max(2, Math.Max(given.Length, c.Word.Length) / 3)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Word, StringComparer.Ordinal)
            .Select(c => c.Word);

    /// <summary>The Levenshtein distance, ignoring case: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (same ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
