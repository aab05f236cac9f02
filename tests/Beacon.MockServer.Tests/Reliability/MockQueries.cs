using Beacon.MockServer.Tests.Infrastructure;
using static Beacon.MockServer.Tests.Reliability.MutationInputs;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// Cases for the mock's own API: fault rules and license changes with mutated bodies, keys and namespaces,
/// and the query strings of every list, view and wait, each from a valid one with values replaced, dropped,
/// repeated or added. Routes that would remove the captures the run checks afterwards (<c>DELETE
/// /mock/captures</c>, <c>POST /mock/reset</c>) and the endless stream are left to their own tests.
/// </summary>
public sealed class MockQueries(Mutator mutator)
{
    private static readonly string[] FaultRules =
    [
        """{"match":{"kind":"verify"},"status":503,"times":1}""",
        """{"match":{"kind":"traces","namespace":"t1"},"partialSuccess":{"rejected":2,"message":"slow"}}""",
        """{"match":{"path":"/v1/beacon/verify","license":"lcl_ok"},"delayMs":10,"probability":0.5,"seed":42}""",
        """{"dropConnection":true,"times":2}""",
        """{"status":429,"retryAfter":7,"body":{"detail":"slow down"}}""",
    ];

    private const string License =
        """{"status":"revoked","id":"sub-1","orgId":"6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10","tokenLifetimeSeconds":60,"claims":{"lgp_enabled":true,"users":25,"plan":"x"}}""";

    private static readonly (string Path, string Query)[] Lists =
    [
        ("/mock/captures", "kind=verify&license=lcl_ok&namespace=t1&after=0&limit=10"),
        ("/mock/captures/wait", "kind=traces&after=0&count=1&timeoutMs=0&limit=5"),
        ("/mock/captures/export", "kind=metrics&license=lcl_ok&namespace=t1&after=0"),
        ("/mock/otlp/spans", "traceId=5b8efff798038103d269b633813fc60c&name=GET%20%2Finfo&service=otlp-messages&after=0&limit=10"),
        ("/mock/otlp/metrics", "name=requests&service=otlp-messages&license=lcl_ok&after=0&limit=10"),
        ("/mock/otlp/logs", "minSeverity=9&contains=trace&service=langsmith_backend&after=0&limit=10"),
        ("/mock/otlp/spans/wait", "name=receive_request&count=1&timeoutMs=0"),
        ("/mock/otlp/metrics/wait", "count=2&timeoutMs=5"),
        ("/mock/otlp/logs/wait", "minSeverity=17&count=1&timeoutMs=0"),
        ("/mock/licenses", "namespace=t1"),
        ("/mock/billing/transactions", "license=lcl_ok&namespace=t1"),
        ("/mock/faults", "namespace=t1"),
    ];

    private static readonly string[] Names =
        ["kind", "license", "namespace", "after", "limit", "count", "timeoutMs", "traceId", "name", "service", "minSeverity", "contains", "LIMIT", "", "%zz"];

    /// <summary>Query values and path segments, percent-encoded as a client would send them (or would not).</summary>
    private static readonly string[] Values =
    [
        "0", "-1", "1", "1000", "1001", "24", "25", "300000", "300001", "2147483648", "99999999999999999999", "abc", "", "1e3", "0x10",
        "%205", "%2B5", "1.0", "%00", "%zz", "%C3%28", "%C3%BC", "%2F", "verify", "traces", "lcl_revoked", "t1", "a%20b", "-0", "%D9%A3",
        "true", new('v', 2000), "%F0%9F%98%80", "%ED%A0%80", "%FF", "n%2Cm",
    ];

    private static readonly string[] LicenseKeys =
        ["lcl_ok", "lcl_revoked", "%20", "a%2Fb", new('k', 1025), "%C3%BC", "%ED%A0%80", "k%01", "lcl_ok%3Fx", "%FF", "lcl_%2E"];

    private static readonly string[] Sequences =
        ["1", "2", "0", "-1", "99999999999999999999", "abc", "1.5", "%20", "9223372036854775807", "-9223372036854775808", "1%2F2"];

    public MutationCase Next(int index) => mutator.Random.Next(20) switch
    {
        < 6 => Fault(index),
        < 10 => LicenseChange(index),
        10 => CaptureBySequence(index),
        11 => DeleteFaults(index),
        _ => List(index),
    };

    private MutationCase Fault(int index)
    {
        var headers = new List<(string, string)>();
        ContentType(mutator, headers, Otlp.Json, JsonContentTypes);
        var body = mutator.Body(mutator.Pick(FaultRules), [.. FaultRules.Select(Utf8)]);
        if (mutator.Chance(5))
            body = Encode(mutator, body, headers);
        return new MutationCase(index, HttpMethod.Post, "/mock/faults", Surface.Problem) { Body = MaybeOversized(mutator, body), Headers = headers };
    }

    private MutationCase LicenseChange(int index)
    {
        var key = mutator.Pick(LicenseKeys);
        var query = mutator.Chance(30) ? "?namespace=" + mutator.Pick(Namespaces) : "";
        var url = $"/mock/licenses/{key}{query}";
        if (mutator.Chance(15))
            return new MutationCase(index, HttpMethod.Delete, url, Surface.Problem);

        var headers = new List<(string, string)>();
        ContentType(mutator, headers, Otlp.Json, JsonContentTypes);
        var body = mutator.Body(License, [Utf8(License), .. FaultRules.Select(Utf8)]);
        return new MutationCase(index, HttpMethod.Put, url, Surface.Problem) { Body = MaybeOversized(mutator, body), Headers = headers };
    }

    private MutationCase DeleteFaults(int index) =>
        new(index, HttpMethod.Delete, mutator.Chance(50) ? $"/mock/faults/{mutator.Pick(Sequences)}" : $"/mock/faults?namespace={mutator.Pick(Values)}", Surface.Problem);

    private MutationCase CaptureBySequence(int index) =>
        new(index, HttpMethod.Get, $"/mock/captures/{mutator.Pick(Sequences)}", Surface.Problem);

    private MutationCase List(int index)
    {
        var (path, valid) = mutator.Pick(Lists);
        var pairs = valid.Split('&').Select(p => p.Split('=', 2)).Select(p => (Name: p[0], Value: p[1])).ToList();
        var query = new List<string>();
        foreach (var (name, value) in pairs)
        {
            if (mutator.Chance(15))
                continue;
            query.Add($"{name}={(mutator.Chance(25) ? mutator.Pick(Values) : value)}");
            if (mutator.Chance(5))
                query.Add($"{name}={mutator.Pick(Values)}"); // The same parameter twice.
        }
        if (mutator.Chance(20))
            query.Add($"{mutator.Pick(Names)}={mutator.Pick(Values)}");
        if (mutator.Chance(5))
            query.Add(mutator.Pick((string[])["%zz", "&&", "=1", "limit", "limit=", "a=b=c"]));
        var url = query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        return new MutationCase(index, HttpMethod.Get, url, Surface.Problem);
    }
}
