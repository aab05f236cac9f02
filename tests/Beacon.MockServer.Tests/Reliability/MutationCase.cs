using System.Globalization;
using System.Text;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// How many cases a mutation test runs and from which seed. The seeds are fixed per test, so CI runs the
/// same cases every time; <c>BEACON_MUTATION_CASES</c> raises the count, and <c>BEACON_MUTATION_SEED</c>
/// replays a seed a failure printed (or, set to <c>random</c>, draws a fresh one and prints it).
/// </summary>
internal static class MutationSettings
{
    public const int DefaultCases = 500;

    public static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("BEACON_MUTATION_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0
            ? cases
            : DefaultCases;

    public static int Seed(int fixedSeed) => Environment.GetEnvironmentVariable("BEACON_MUTATION_SEED") switch
    {
        null or "" => fixedSeed,
        "random" => Random.Shared.Next(),
        var text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) => seed,
        var text => throw new InvalidOperationException($"BEACON_MUTATION_SEED must be an integer or 'random' (was '{text}')."),
    };
}

/// <summary>Which error shape a route answers in: problem details, or a google.rpc.Status in the request's encoding.</summary>
public enum Surface
{
    Problem,
    Otlp,
}

/// <summary>One request of a mutation run: everything needed to send it again, and to print it when it fails.</summary>
public sealed record MutationCase(int Index, HttpMethod Method, string Url, Surface Surface)
{
    private const int MaxShownBytes = 4096;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public byte[]? Body { get; init; }

    /// <summary>Headers sent as they are, unvalidated; Content-Type and Content-Encoding go on the content.</summary>
    public List<(string Name, string Value)> Headers { get; init; } = [];

    /// <summary>True when the route records the request as a capture (a wire route under no namespace, or a valid one).</summary>
    public bool Captured { get; init; }

    /// <summary>The OTLP view (<c>spans</c>, <c>metrics</c>, <c>logs</c>) that must still read this capture back once it is accepted.</summary>
    public string? View { get; init; }

    public string? Header(string name) =>
        Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, Url);
        if (Body is not null)
            request.Content = new ByteArrayContent(Body);
        foreach (var (name, value) in Headers)
        {
            var isContentHeader = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);
            if (isContentHeader)
                (request.Content ??= new ByteArrayContent([])).Headers.TryAddWithoutValidation(name, value);
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>What to print to replay the case: seed, index, route, headers and the body (text when UTF-8, else base64), cut to a few KB.</summary>
    public string Describe(int seed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"seed {seed}, case {Index}: {Method} {Shown(Url)}");
        foreach (var (name, value) in Headers)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {Shown(value)}");
        if (Body is null)
            return text.Append("  (no body)").ToString();
        var shown = Body.AsSpan(0, Math.Min(Body.Length, MaxShownBytes));
        string body;
        try
        {
            body = "text: " + StrictUtf8.GetString(shown);
        }
        catch (DecoderFallbackException)
        {
            body = "base64: " + Convert.ToBase64String(shown);
        }
        var cut = Body.Length > MaxShownBytes ? $" (first {MaxShownBytes} of {Body.Length} bytes)" : $" ({Body.Length} bytes)";
        return text.Append(CultureInfo.InvariantCulture, $"  body{cut} {body}").ToString();
    }

    private static string Shown(string value) => value.Length > 300 ? $"{value[..300]}... ({value.Length} characters)" : value;
}
