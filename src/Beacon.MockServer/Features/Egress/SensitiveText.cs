using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Egress;

/// <summary>Something in a value that looks like personal data or a credential: where, what, and how it may be shown.</summary>
/// <param name="What">What it looks like, as a sentence fragment: "an e-mail address".</param>
/// <param name="Masked">The match with most of it hidden, safe to show: <c>j***@e***.com</c>, <c>sk-p…#1a2b3c4d</c>.</param>
internal readonly record struct SensitiveMatch(int Start, int Length, string What, string Masked);

/// <summary>A pattern of personal data an operator adds (<c>Beacon:Egress:Patterns</c>): matched in linear time.</summary>
internal sealed record ConfiguredPattern(string Name, Regex Regex);

/// <summary>
/// Finds what looks like personal data or a credential in a value: e-mail addresses, phone numbers, IP addresses,
/// payment card numbers (Luhn-checked), JWTs, bearer tokens, well-known API key shapes, and the configured patterns.
/// Each finder is a linear scan (the regexes run without backtracking), so a megabyte of text costs a pass or a few,
/// never more, and a value with none of their tell-tale characters ('@', digits, ':', "eyJ"...) costs a vectorized search.
/// </summary>
internal sealed class SensitiveText(IReadOnlyList<ConfiguredPattern> patterns)
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The first match at or after <paramref name="from"/>, whichever finder it comes from; false when there is none.</summary>
    public bool TryFind(ReadOnlySpan<char> text, int from, out SensitiveMatch match)
    {
        match = default;
        var found = false;
        var rest = text[from..];
        // Each finder needs its tell-tale: '@' for an address, a digit or ':' for a number or an IP address, the length
        // of the shortest token for a credential. Most values have none of them, or are ids that cannot hold any.
        if (!IsId(rest) && !IsTimestamp(rest))
        {
            if (rest.Contains('@'))
                Keep(Emails.Find(text, from), ref match, ref found);
            if (rest.ContainsAny(Digits) || rest.Contains(':'))
                Keep(DigitRuns.Find(text, from), ref match, ref found);
            if (rest.Length >= Tokens.MinLength)
                Keep(Tokens.Find(text, from), ref match, ref found);
        }
        foreach (var pattern in patterns)
        {
            foreach (var hit in pattern.Regex.EnumerateMatches(rest))
            {
                if (hit.Length == 0)
                    continue;
                var start = from + hit.Index;
                Keep(new SensitiveMatch(start, hit.Length, $"matches the pattern '{pattern.Name}'", Secrets.Mask(text.Slice(start, hit.Length).ToString())),
                    ref match, ref found);
                break;
            }
        }
        return found;
    }

    /// <summary>
    /// A UUID, or hex digits with at least one letter among them (a trace or span id): no finder matches inside one, since
    /// every run of its digits touches a letter, and it holds no '@', ':', '+' or token prefix.
    /// </summary>
    private static bool IsId(ReadOnlySpan<char> text)
    {
        if (text.Length == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-')
            return !text[..8].ContainsAnyExcept(Hex) && !text[9..13].ContainsAnyExcept(Hex) && !text[14..18].ContainsAnyExcept(Hex)
                && !text[19..23].ContainsAnyExcept(Hex) && !text[24..].ContainsAnyExcept(Hex);
        return text.Length >= 8 && !text.ContainsAnyExcept(Hex) && text.ContainsAnyExcept(Digits);
    }

    /// <summary>An ISO 8601 date and time (<c>2025-01-06T10:00:00.123Z</c>, <c>...+00:00</c>): nothing in one is personal.</summary>
    private static bool IsTimestamp(ReadOnlySpan<char> text)
    {
        if (text.Length is < 19 or > 40 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or ' ') || text[13] != ':' || text[16] != ':')
            return false;
        if (text[..4].ContainsAnyExcept(Digits) || text[5..7].ContainsAnyExcept(Digits) || text[8..10].ContainsAnyExcept(Digits)
            || text[11..13].ContainsAnyExcept(Digits) || text[14..16].ContainsAnyExcept(Digits) || text[17..19].ContainsAnyExcept(Digits))
            return false;
        var rest = text[19..];
        if (rest.StartsWith('.'))
            rest = rest[1..].TrimStart("0123456789");
        return rest is "" or "Z" || rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' && !rest[1..3].ContainsAnyExcept(Digits) && !rest[4..].ContainsAnyExcept(Digits);
    }

    /// <summary>The value with every match masked in place: what a report may show of it.</summary>
    public string Mask(ReadOnlySpan<char> text)
    {
        if (!TryFind(text, 0, out var match))
            return text.ToString();
        var masked = new StringBuilder(text.Length);
        var at = 0;
        do
        {
            masked.Append(text[at..match.Start]).Append(match.Masked);
            at = match.Start + match.Length;
        }
        while (at < text.Length && TryFind(text, at, out match));
        return masked.Append(text[at..]).ToString();
    }

    private static void Keep(SensitiveMatch? candidate, ref SensitiveMatch best, ref bool found)
    {
        if (candidate is not { } hit || found && hit.Start >= best.Start)
            return;
        best = hit;
        found = true;
    }

    /// <summary>A letter, digit or underscore: what may not touch a match on either side.</summary>
    public static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Whether the character before <paramref name="index"/> is one that joins a match to a longer word.</summary>
    public static bool JoinedBefore(ReadOnlySpan<char> text, int index) => index > 0 && IsWord(text[index - 1]);

    /// <summary>Whether the character at <paramref name="index"/> is one that joins a match to a longer word.</summary>
    public static bool JoinedAfter(ReadOnlySpan<char> text, int index) => index < text.Length && IsWord(text[index]);
}

/// <summary>E-mail addresses: a local part, '@', and a domain with a dot and a top-level domain of two letters or more.</summary>
internal static class Emails
{
    public static SensitiveMatch? Find(ReadOnlySpan<char> text, int from)
    {
        for (var at = IndexOf(text, from, '@'); at >= 0; at = IndexOf(text, at + 1, '@'))
        {
            var start = at;
            while (start > from && IsLocal(text[start - 1]))
                start--;
            var end = at + 1;
            while (end < text.Length && IsDomain(text[end]))
                end++;
            while (end > at + 1 && text[end - 1] is '.' or '-')
                end--;
            var domain = text[(at + 1)..end];
            var dot = domain.LastIndexOf('.');
            if (start < at && dot > 0 && domain.Length - dot > 2 && IsTopLevel(domain[(dot + 1)..]))
                return new SensitiveMatch(start, end - start, "an e-mail address", Mask(text[start..at], domain, dot));
        }
        return null;
    }

    /// <summary>The first <paramref name="c"/> at or after <paramref name="from"/>, as an index into the whole text; -1 when none.</summary>
    public static int IndexOf(ReadOnlySpan<char> text, int from, char c) =>
        from >= text.Length ? -1 : text[from..].IndexOf(c) is var i and >= 0 ? from + i : -1;

    private static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsDomain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';

    private static bool IsTopLevel(ReadOnlySpan<char> tld)
    {
        foreach (var c in tld)
        {
            if (!char.IsAsciiLetter(c))
                return false;
        }
        return true;
    }

    /// <summary>The shape kept, most characters hidden: <c>j***@e***.com</c>.</summary>
    private static string Mask(ReadOnlySpan<char> local, ReadOnlySpan<char> domain, int dot) =>
        $"{local[0]}***@{domain[0]}***{domain[dot..]}";
}
