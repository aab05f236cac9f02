using System.Text.RegularExpressions;
using Beacon.MockServer.Features.Egress;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>What looks like personal data or a credential, and what only resembles it (ids, times, versions, counts).</summary>
public sealed class SensitiveTextTests
{
    private static readonly SensitiveText Finder = new([new ConfiguredPattern("employee-id", new Regex(@"EMP-\d{6}", RegexOptions.NonBacktracking))]);

    [Theory]
    [InlineData("contact jane.doe+tag@mail.example.co.uk now", "jane.doe+tag@mail.example.co.uk", "an e-mail address", "j***@m***.uk")]
    [InlineData("call +1 415 555 2671", "+1 415 555 2671", "a phone number", "+* *** *** **71")]
    [InlineData("call (415) 555-2671.", "(415) 555-2671", "a phone number", "(***) ***-**71")]
    [InlineData("tel 415.555.2671", "415.555.2671", "a phone number", "***.***.**71")]
    [InlineData("+442079460958", "+442079460958", "a phone number", "+**********58")]
    [InlineData("from 203.0.113.9:443", "203.0.113.9", "an IP address", "203.*.*.*")]
    [InlineData("peer 2001:db8::8a2e:370:7334 closed", "2001:db8::8a2e:370:7334", "an IP address", "2001:…")]
    [InlineData("card 4111-1111-1111-1111 declined", "4111-1111-1111-1111", "a payment card number", "****-****-****-1111")]
    [InlineData("5555555555554444", "5555555555554444", "a payment card number", "************4444")]
    [InlineData("amex 378282246310005", "378282246310005", "a payment card number", "***********0005")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig-nat_ure", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig-nat_ure", "a JWT", null)]
    [InlineData("Authorization: bearer abcdefghij0123456789", "bearer abcdefghij0123456789", "a bearer token", null)]
    [InlineData("key=sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345", "an API key (Anthropic)", null)]
    [InlineData("lsv2_pt_0123456789abcdef0123456789abcdef_0123456789", "lsv2_pt_0123456789abcdef0123456789abcdef_0123456789", "an API key (LangSmith)", null)]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", "an API key (AWS)", null)]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "an API key (GitHub)", null)]
    [InlineData("id EMP-123456 left", "EMP-123456", "matches the pattern 'employee-id'", null)]
    public void Finds(string text, string found, string what, string? masked)
    {
        Assert.True(Finder.TryFind(text, 0, out var match), $"nothing found in '{text}'");

        Assert.Equal(found, text.Substring(match.Start, match.Length));
        Assert.Equal(what, match.What);
        if (masked is not null)
            Assert.Equal(masked, match.Masked);
        Assert.DoesNotContain(found, match.Masked);
    }

    [Theory]
    [InlineData("af28dfea-5358-463d-a2dc-37df1da72498")]
    [InlineData("12345678-1234-1234-1234-123456789012")]
    [InlineData("2025-01-06T10:00:00Z")]
    [InlineData("2026-03-25T02:00:00+00:00")]
    [InlineData("1581452773000000789")]
    [InlineData("71699b6fe85982c7c8995ea3d9c95df2")]
    [InlineData("08040201000000000000000000000000")]
    [InlineData("3.12.8")]
    [InlineData("version 1.2.3 at 127.0.0.1 and 0.0.0.0 and ::1")]
    [InlineData("4111111111111112")]
    [InlineData("4155552671 requests")]
    [InlineData("took 10:00:00 and std::vector and ab::cd")]
    [InlineData("Database connection pool approaching capacity")]
    [InlineData("user@localhost")]
    [InlineData("disk-abcdefghijklmnopqrstuvwxyz0123 and sk-learn")]
    [InlineData("bearer of bad news")]
    [InlineData("<YOUR_LICENSE_KEY>")]
    [InlineData("00:1a:2b:3c:4d:5e")]
    public void FindsNothingIn(string text) =>
        Assert.False(Finder.TryFind(text, 0, out var match), $"found {match.What} at {match.Start} in '{text}'");

    [Fact]
    public void Mask_HidesEveryMatch_AndKeepsTheRest()
    {
        var masked = Finder.Mask("a@example.com wrote to b@example.org from 10.0.0.7");

        Assert.Equal("a***@e***.com wrote to b***@e***.org from 10.*.*.*", masked);
    }

    [Fact]
    public void AMegabyteOfNearMisses_IsScannedInOnePass()
    {
        // Quadratic scanners stall on these; each finder here is linear, so this runs in milliseconds.
        var text = string.Concat(Enumerable.Repeat("a.a.a.a@", 65536)) + string.Concat(Enumerable.Repeat("1-", 65536))
            + string.Concat(Enumerable.Repeat("1) (", 65536)) + string.Concat(Enumerable.Repeat("-eyJ", 65536))
            + string.Concat(Enumerable.Repeat(".bearer", 65536)) + new string(':', 65536);

        Assert.False(Finder.TryFind(text, 0, out _));
    }
}
