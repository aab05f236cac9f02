using System.Net;
using System.Net.Sockets;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// Runs of digits that stand alone (no letter, digit or underscore glued to either end, so the digits of a UUID, a
/// hex id or a timestamp's date never count): IPv4 addresses, payment card numbers (a card's length and prefix, and
/// the Luhn check), and phone numbers (a '+' and 8 to 15 digits, or the North American 3-3-4 shape). IPv6 addresses
/// are found around their colons. Loopback and unspecified addresses identify nobody and are not reported.
/// </summary>
internal static class DigitRuns
{
    private const int MaxGroups = 8;

    public static SensitiveMatch? Find(ReadOnlySpan<char> text, int from)
    {
        var v6 = Ipv6(text, from);
        for (var i = from; i < text.Length;)
        {
            var offset = text[i..].IndexOfAnyInRange('0', '9');
            if (offset < 0)
                break;
            var digit = i + offset;
            if (v6 is { } found && found.Start <= digit)
                return v6;
            var start = digit > from && text[digit - 1] is '+' or '(' ? digit - 1 : digit;
            var scanned = digit;
            if (!SensitiveText.JoinedBefore(text, start) && (start == 0 || text[start - 1] != '.'))
            {
                if (Ipv4(text, digit) is { } address)
                    return address;
                if (Number(text, start, out scanned) is { } number)
                    return number;
            }
            // Past the run just read, and the word it belongs to: each character is read a bounded number of times.
            i = Math.Max(digit + 1, scanned);
            while (i < text.Length && (SensitiveText.IsWord(text[i]) || text[i] is '-' or '.' or ' ' or '(' or ')' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                i++;
        }
        return v6;
    }

    private static SensitiveMatch? Ipv4(ReadOnlySpan<char> text, int start)
    {
        var at = start;
        Span<int> octets = stackalloc int[4];
        for (var k = 0; k < 4; k++)
        {
            var digits = 0;
            var value = 0;
            while (at < text.Length && char.IsAsciiDigit(text[at]) && digits < 4)
            {
                value = value * 10 + text[at++] - '0';
                digits++;
            }
            if (digits is 0 or > 3 || value > 255)
                return null;
            octets[k] = value;
            if (k < 3)
            {
                if (at >= text.Length || text[at] != '.')
                    return null;
                at++;
            }
        }
        if (SensitiveText.JoinedAfter(text, at) || at + 1 < text.Length && text[at] == '.' && char.IsAsciiDigit(text[at + 1]))
            return null;
        if (octets[0] is 0 or 127 || octets is [255, 255, 255, 255])
            return null;
        return new SensitiveMatch(start, at - start, "an IP address", $"{octets[0]}.*.*.*");
    }

    /// <summary>A phone or card number starting at <paramref name="start"/> (its '+' or '(' included).</summary>
    /// <param name="scanned">Where the run ended.</param>
    private static SensitiveMatch? Number(ReadOnlySpan<char> text, int start, out int scanned)
    {
        Span<int> groups = stackalloc int[MaxGroups];
        Span<byte> digits = stackalloc byte[19];
        var count = 0;
        var total = 0;
        var plus = text[start] == '+';
        var marks = false;
        var at = plus ? start + 1 : start;
        while (at < text.Length)
        {
            var length = 0;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                if (total < digits.Length)
                    digits[total] = (byte)(text[at] - '0');
                total++;
                length++;
                at++;
            }
            if (length > 0 && count < MaxGroups)
                groups[count] = length;
            count += length > 0 ? 1 : 0;
            // Up to two separators between groups (") " in "(415) 555-2671"), then digits again, or the run ends.
            var gap = at;
            while (gap < text.Length && gap - at < 2 && text[gap] is ' ' or '-' or '.' or '(' or ')')
                gap++;
            if (gap == at || gap >= text.Length || !char.IsAsciiDigit(text[gap]))
                break;
            marks |= text.Slice(at, gap - at).ContainsAny('.', '(', ')');
            at = gap;
        }
        if (at < text.Length && text[at] == ')')
            at++;
        scanned = at;
        if (SensitiveText.JoinedAfter(text, at) || count > MaxGroups)
            return null;
        var run = text[start..at];
        if (!plus && !marks && total is >= 13 and <= 19 && IsCard(digits[..total]))
            return new SensitiveMatch(start, at - start, "a payment card number", Hide(run, keep: 4));
        var nanp = count == 3 && groups[..3] is [3, 3, 4] || count == 4 && groups[..4] is [1, 3, 3, 4] && digits[0] == 1;
        if (plus && total is >= 8 and <= 15 || !plus && nanp)
            return new SensitiveMatch(start, at - start, "a phone number", Hide(run, keep: 2));
        return null;
    }

    /// <summary>A card's prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay), and the Luhn check.</summary>
    private static bool IsCard(ReadOnlySpan<byte> digits)
    {
        var length = digits.Length;
        var two = digits[0] * 10 + digits[1];
        var four = two * 100 + digits[2] * 10 + digits[3];
        var brand = digits[0] == 4 && length is 13 or 16 or 19
            || two is >= 51 and <= 55 && length == 16 || four is >= 2221 and <= 2720 && length == 16
            || two is 34 or 37 && length == 15
            || (four == 6011 || two == 65 || four / 10 is >= 644 and <= 649) && length is 16 or 19
            || four is >= 3528 and <= 3589 && length >= 16
            || (two is 36 or 38 or 39 || four / 10 is >= 300 and <= 305) && length == 14
            || two == 62 && length >= 16;
        if (!brand)
            return false;
        var sum = 0;
        for (var i = 0; i < length; i++)
        {
            var d = digits[length - 1 - i];
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    /// <summary>IPv6 addresses: a run of hex digits and colons that stands alone, with at least three groups, that parses.</summary>
    private static SensitiveMatch? Ipv6(ReadOnlySpan<char> text, int from)
    {
        for (var colon = Emails.IndexOf(text, from, ':'); colon >= 0; colon = Emails.IndexOf(text, colon + 1, ':'))
        {
            var start = colon;
            while (start > from && (char.IsAsciiHexDigit(text[start - 1]) || text[start - 1] == ':'))
                start--;
            var end = colon;
            while (end < text.Length && (char.IsAsciiHexDigit(text[end]) || text[end] == ':'))
                end++;
            colon = end;
            if (SensitiveText.JoinedBefore(text, start) || SensitiveText.JoinedAfter(text, end))
                continue;
            var run = text[start..end];
            var groups = 0;
            foreach (var range in run.Split(':'))
                groups += range.End.Value > range.Start.Value ? 1 : 0;
            if (run.Count(':') < 2 || groups < 3 || !IPAddress.TryParse(run, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6
                || IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None))
                continue;
            return new SensitiveMatch(start, end - start, "an IP address", $"{run[..run.IndexOf(':')]}:…");
        }
        return null;
    }

    /// <summary>Every digit hidden but the last <paramref name="keep"/>, separators kept: <c>**** **** **** 1111</c>.</summary>
    private static string Hide(ReadOnlySpan<char> run, int keep)
    {
        var digits = 0;
        foreach (var c in run)
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        var shown = new char[run.Length];
        for (int i = 0, seen = 0; i < run.Length; i++)
        {
            var digit = char.IsAsciiDigit(run[i]);
            seen += digit ? 1 : 0;
            shown[i] = digit && seen <= digits - keep ? '*' : run[i];
        }
        return new string(shown);
    }
}
