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
    /// <summary>The first match at or after <paramref name="from"/>, whichever finder it comes from; false when there is none.</summary>
    public bool TryFind(ReadOnlySpan<char> text, int from, out SensitiveMatch match)
    {
        match = default;
        var found = false;
        Keep(Emails.Find(text, from), ref match, ref found);
        Keep(DigitRuns.Find(text, from), ref match, ref found);
        Keep(Tokens.Find(text, from), ref match, ref found);
        foreach (var pattern in patterns)
        {
            foreach (var hit in pattern.Regex.EnumerateMatches(text[from..]))
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
