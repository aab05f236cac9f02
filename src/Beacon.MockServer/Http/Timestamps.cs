using System.Globalization;
using System.Text.RegularExpressions;

namespace Beacon.MockServer.Http;

/// <summary>ISO-8601 date-times as Beacon's clients send them: a date, a time, and an offset or Z.</summary>
internal static partial class Timestamps
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex WithOffset();

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !WithOffset().IsMatch(text))
            return false;
        // .NET parses at most seven fractional digits; Python sends six, Go up to nine.
        var normalized = FractionOverSeven().Replace(text, m => m.Value[..8]);
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"\.\d{8,9}")]
    private static partial Regex FractionOverSeven();

    /// <summary>Adds an error unless <paramref name="text"/> is a date-time with an offset; returns the parsed value.</summary>
    public static DateTimeOffset? Require(ValidationErrors errors, string field, string? text)
    {
        if (text is null)
        {
            errors.Add(field, "is required: an ISO-8601 date-time with an offset or Z");
            return null;
        }
        if (TryParse(text, out var value))
            return value;
        errors.Add(field, $"'{text}' is not an ISO-8601 date-time with an offset or Z (for example 2025-01-06T10:00:00Z)");
        return null;
    }
}
