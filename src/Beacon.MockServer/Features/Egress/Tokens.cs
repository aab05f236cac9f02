using System.Buffers;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// Credentials by their shape: a JWT (<c>eyJ...</c>, three base64url parts), a bearer token (<c>Bearer</c> and 16 or more
/// token characters), and the API keys whose prefixes their issuers publish. Each is shown masked as secrets are in the
/// logs (<see cref="Secrets.Mask"/>).
/// </summary>
internal static class Tokens
{
    /// <summary>A key's published prefix, the characters that follow it, and how many at least.</summary>
    private sealed record KeyShape(string Prefix, string Issuer, SearchValues<char> Rest, int MinRest);

    private static readonly SearchValues<char> Base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    private static readonly SearchValues<char> Alphanumeric = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> Word = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
    private static readonly SearchValues<char> Upper = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    private static readonly SearchValues<char> Slack = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
    private static readonly SearchValues<char> Token68 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/");

    /// <summary>Longest prefix first, so that <c>sk-ant-</c> is not read as <c>sk-</c>.</summary>
    private static readonly KeyShape[] Shapes =
    [
        new("github_pat_", "GitHub", Word, 40),
        new("lsv2_pt_", "LangSmith", Word, 32),
        new("lsv2_sk_", "LangSmith", Word, 32),
        new("sk_live_", "Stripe", Alphanumeric, 20),
        new("rk_live_", "Stripe", Alphanumeric, 20),
        new("sk-ant-", "Anthropic", Base64Url, 32),
        new("glpat-", "GitLab", Base64Url, 20),
        new("xoxb-", "Slack", Slack, 10),
        new("xoxp-", "Slack", Slack, 10),
        new("xoxa-", "Slack", Slack, 10),
        new("xoxr-", "Slack", Slack, 10),
        new("xoxs-", "Slack", Slack, 10),
        new("ls__", "LangSmith", Alphanumeric, 32),
        new("ghp_", "GitHub", Alphanumeric, 36),
        new("gho_", "GitHub", Alphanumeric, 36),
        new("ghu_", "GitHub", Alphanumeric, 36),
        new("ghs_", "GitHub", Alphanumeric, 36),
        new("ghr_", "GitHub", Alphanumeric, 36),
        new("AKIA", "AWS", Upper, 16),
        new("ASIA", "AWS", Upper, 16),
        new("AIza", "Google", Base64Url, 35),
        new("npm_", "npm", Alphanumeric, 36),
        new("sk-", "OpenAI", Base64Url, 20),
        new("hf_", "Hugging Face", Alphanumeric, 30),
    ];

    /// <summary>The shortest credential any shape here matches: a Slack prefix (<c>xoxb-</c>) and 10 characters.</summary>
    public const int MinLength = 15;

    /// <summary>The shapes by the letter they start with, longest prefix first within each.</summary>
    private static readonly Dictionary<char, KeyShape[]> ByFirst = Shapes.GroupBy(s => s.Prefix[0]).ToDictionary(g => g.Key, g => g.ToArray());

    private static readonly SearchValues<char> WordCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>
    /// Every credential here starts a word (nothing of a letter, digit or underscore before it): the scan steps from one
    /// word's start to the next and asks only the shapes that begin with its first letter, rather than searching for
    /// every prefix everywhere.
    /// </summary>
    public static SensitiveMatch? Find(ReadOnlySpan<char> text, int from)
    {
        var at = from;
        while (at < text.Length)
        {
            var word = text[at..].IndexOfAny(WordCharacters);
            if (word < 0)
                return null;
            var start = at + word;
            var end = start;
            if (!SensitiveText.JoinedBefore(text, start))
            {
                var found = text[start] switch
                {
                    'e' => Jwt(text, start, out end),
                    'b' or 'B' => Bearer(text, start, out end),
                    _ => Key(text, start, out end),
                };
                if (found is not null)
                    return found;
            }
            // Past what was read, and past the rest of this word: each character is read a bounded number of times.
            var rest = text[Math.Max(start + 1, end)..].IndexOfAnyExcept(WordCharacters);
            if (rest < 0)
                return null;
            at = Math.Max(start + 1, end) + rest;
        }
        return null;
    }

    /// <param name="scanned">How far its first part ran: no JWT starts inside it.</param>
    private static SensitiveMatch? Jwt(ReadOnlySpan<char> text, int start, out int scanned)
    {
        scanned = start;
        if (!text[start..].StartsWith("eyJ", StringComparison.Ordinal))
            return null;
        var end = start;
        for (var part = 0; part < 3; part++)
        {
            var length = Run(text, end, Base64Url);
            if (part == 0)
                scanned = end + length;
            if (part < 2 && (length < 10 || end + length >= text.Length || text[end + length] != '.'))
                return null;
            end += length + (part < 2 ? 1 : 0);
        }
        var token = text[start..end];
        return new SensitiveMatch(start, end - start, "a JWT", Secrets.Mask(token.ToString()));
    }

    /// <param name="scanned">How far the key's characters ran.</param>
    private static SensitiveMatch? Key(ReadOnlySpan<char> text, int start, out int scanned)
    {
        scanned = start;
        foreach (var shape in ByFirst.GetValueOrDefault(text[start]) ?? [])
        {
            if (!text[start..].StartsWith(shape.Prefix, StringComparison.Ordinal))
                continue;
            var rest = Run(text, start + shape.Prefix.Length, shape.Rest);
            var end = start + shape.Prefix.Length + rest;
            scanned = end;
            if (rest < shape.MinRest || SensitiveText.JoinedAfter(text, end))
                return null;
            return new SensitiveMatch(start, end - start, $"an API key ({shape.Issuer})", Secrets.Mask(text[start..end].ToString()));
        }
        return null;
    }

    /// <summary><c>Bearer</c>, in any case, then spaces and a token of 16 characters or more (RFC 6750's token68).</summary>
    private static SensitiveMatch? Bearer(ReadOnlySpan<char> text, int start, out int scanned)
    {
        scanned = start;
        if (!text[start..].StartsWith("bearer", StringComparison.OrdinalIgnoreCase))
            return null;
        var space = start + "bearer".Length;
        var token = space;
        while (token < text.Length && text[token] == ' ')
            token++;
        // Without a space the token is not read at all: runs read are then always apart, and the scan linear.
        var length = token > space ? Run(text, token, Token68) : 0;
        var end = token + length;
        while (end < text.Length && text[end] == '=')
            end++;
        scanned = space;
        if (length < 16 || SensitiveText.JoinedAfter(text, end))
            return null;
        return new SensitiveMatch(start, end - start, "a bearer token", $"Bearer {Secrets.Mask(text[token..end].ToString())}");
    }

    /// <summary>How many characters of <paramref name="allowed"/> start at <paramref name="from"/>.</summary>
    private static int Run(ReadOnlySpan<char> text, int from, SearchValues<char> allowed)
    {
        if (from >= text.Length)
            return 0;
        var stop = text[from..].IndexOfAnyExcept(allowed);
        return stop < 0 ? text.Length - from : stop;
    }
}
