using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Http;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// A corpus of bad input against every route, over a real loopback connection so Kestrel's own limits
/// apply too. Each request gets a 4xx in its surface's error shape (problem details, or a google.rpc.Status
/// on OTLP) or, where the damage still leaves a request the route may take, a 2xx; never a 5xx and never
/// a hang. Afterwards the server answers /healthz and the captures made before the corpus are unchanged.
/// Every failure is collected and reported together, each with the case that caused it.
/// </summary>
public sealed class BadInputCorpusTests : HostedTest
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>The routes that read a body, with a body each takes. The fault rule matches a namespace no request uses.</summary>
    private static readonly BodyRoute[] BodyRoutes =
    [
        new("POST", "/v1/beacon/verify", Sample("verify-request")),
        new("POST", "/v1/beacon/ingest-traces", Sample("ingest-traces-request")),
        new("POST", "/v1/beacon/usage-snapshot", Sample("usage-snapshot-request")),
        new("POST", "/v1/metadata/submit", Sample("metadata-submit-request")),
        new("POST", "/v1/beacon/metadata/submit", Sample("metadata-submit-request")),
        new("POST", Otlp.Traces, Sample("otlp-traces-request")),
        new("POST", Otlp.Metrics, Sample("otlp-metrics-request")),
        new("POST", Otlp.Logs, Sample("otlp-logs-request")),
        new("POST", "/mock/faults", """{"match": {"namespace": "never-sent", "kind": "verify"}, "status": 503, "times": 1, "body": {"a": [1]}}"""),
        new("PUT", "/mock/licenses/lcl_corpus", """{"status": "revoked", "id": "id-1", "orgId": "org-1", "tokenLifetimeSeconds": 60, "claims": {"tier": "gold"}}"""),
    ];

    /// <summary>Query and path values no parameter should choke on.</summary>
    private static readonly string[] BadValues =
    [
        "", "abc", "-1", "0", "1.5", "99999999999999999999999", "-99999999999999999999999", "1e400", "NaN", "true", "null",
        "%00", "%FF%FE", "%C3", "..%2F..%2Fetc", "<script>", "a%0D%0AX-Injected: 1", new string('9', 2000), new string('x', 4000),
    ];

    private readonly List<string> _failures = [];
    private Dictionary<long, string> _seeded = [];

    public BadInputCorpusTests()
        : base(new Dictionary<string, string?> { ["Beacon:MaxBodyBytes"] = $"{MaxBodyBytes}" }, onLoopback: true)
    {
        Client.Timeout = Waiting.Bound; // A hang fails the test instead of blocking it.
        App.EndWaitsAtOnce(); // A wait the corpus happens to make valid would sleep on a clock no one moves.
    }

    [Fact]
    public async Task BrokenBodies_OnEveryRouteThatReadsOne_Get4xxInTheRoutesShape()
    {
        await SeedAsync();
        var cases = 0;
        foreach (var route in BodyRoutes)
        {
            foreach (var request in BadInput.Broken(route.Body, MaxBodyBytes))
            {
                // OTLP reads an empty body as an empty export, with a finding (OtlpFailureTests).
                if (route.Path.StartsWith("/v1/beacon/v1/", StringComparison.Ordinal) && request.Body.Length == 0)
                    continue;
                cases++;
                var response = await SendAsync(route.Method, route.Path, request);
                await ExpectAsync(route.Path, request, response, allowSuccess: false);
            }
        }

        Assert.True(cases > 400, $"only {cases} cases");
        await AssertStillWholeAsync();
    }

    [Fact]
    public async Task FieldMutations_OnEveryRouteThatReadsABody_NeverGet5xx_AndRefusalsNameTheProblem()
    {
        await SeedAsync();
        foreach (var route in BodyRoutes)
        {
            var (cases, refused) = (0, 0);
            foreach (var request in BadInput.FieldMutations(route.Body))
            {
                cases++;
                var response = await SendAsync(route.Method, route.Path, request);
                if (await ExpectAsync(route.Path, request, response, allowSuccess: true))
                    refused++;
                if (route.Path == "/mock/faults")
                    await Client.DeleteAsync("/mock/faults"); // A mutated rule must not fire on the next case.
            }
            // Mutations that all pass, or all fail, would mean they never reach the route's checks.
            if (refused == 0 || refused == cases)
                _failures.Add($"{route.Method} {route.Path}: {refused} of {cases} field mutations refused");
        }
        await AssertStillWholeAsync();
    }

    [Fact]
    public async Task RandomBytesAsProtobuf_OnEveryOtlpRoute_Get200Or400Status()
    {
        await SeedAsync();
        var refused = 0;
        foreach (var path in new[] { Otlp.Traces, Otlp.Metrics, Otlp.Logs })
        {
            for (var seed = 0; seed < 40; seed++)
            {
                var body = BadInput.Random(seed, 1 + seed * 37 % 700);
                var request = new BadRequest($"random bytes, seed {seed}", body, Otlp.Protobuf, seed % 3 == 0 ? "gzip" : null);
                if (request.ContentEncoding is not null)
                    request = request with { Body = Otlp.Gzip(body) };
                var response = await SendAsync("POST", path, request);
                if (await ExpectAsync(path, request, response, allowSuccess: true))
                    refused++;
            }
        }

        Assert.InRange(refused, 60, 120);
        await AssertStillWholeAsync();
    }

    [Fact]
    public async Task BadParameters_OnEveryRoute_NeverGet5xx()
    {
        await SeedAsync();
        foreach (var operation in await OperationsAsync())
        {
            foreach (var parameter in operation.Parameters)
            {
                foreach (var value in BadValues)
                {
                    var path = operation.Path(parameter.Name, value);
                    var request = new BadRequest($"{parameter.Name}={value}", [], null);
                    var response = await SendAsync(operation.Method, path, request);
                    await ExpectAsync(operation.Template, request, response, allowSuccess: true, bare: KestrelRefuses(value));
                    if (operation.Destructive && response.IsSuccessStatusCode)
                        await SeedAsync(); // Deleting what the request named is what it is for.
                    else
                        await AssertSeedsIntactAsync();
                }
            }
        }
        await AssertStillWholeAsync();
    }

    [Fact]
    public async Task BadCredentialHeaders_OnAuth_NeverGet5xx()
    {
        await SeedAsync();
        foreach (var header in new[] { "X-Api-Key", "X-Langchain-License-Key", "Authorization" })
        {
            foreach (var value in BadValues.Select(Uri.UnescapeDataString).Append("Bearer").Append("Bearer ").Append(new string('k', 20_000)))
            {
                foreach (var method in new[] { "GET", "POST" })
                {
                    using var message = new HttpRequestMessage(new HttpMethod(method), "/auth?langgraph-api=true");
                    if (!message.Headers.TryAddWithoutValidation(header, value))
                        continue;
                    var response = await Client.SendAsync(message);
                    await ExpectAsync("/auth", new BadRequest($"{method} {header}: {value}", [], null), response, allowSuccess: true, bare: KestrelRefuses(value));
                }
            }
        }
        await AssertStillWholeAsync();
    }

    [Fact]
    public async Task UnknownMethods_OnEveryRoute_Get405InTheRoutesShape()
    {
        await SeedAsync();
        var routes = App.Routes("lcl_corpus").GroupBy(r => r.Path, r => r.Method).ToList();
        foreach (var route in routes)
        {
            foreach (var method in new[] { "BREW", "PROPFIND", "PATCH", "TRACE", "CONNECT-ISH" }.Where(m => !route.Contains(m)))
            {
                var request = new BadRequest($"method {method}", [], null);
                var response = await SendAsync(method, route.Key, request);
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
                    _failures.Add($"{method} {route.Key}: answered {(int)response.StatusCode}, not 405");
                else if (!response.Content.Headers.Allow.Any())
                    _failures.Add($"{method} {route.Key}: a 405 without an Allow header");
                await ExpectAsync(route.Key, request, response, allowSuccess: false);
            }
        }
        Assert.True(routes.Count > 25, $"only {routes.Count} routes");
        await AssertStillWholeAsync();
    }

    [Theory]
    [InlineData("/v1/beacon/verify")]
    [InlineData(Otlp.Traces)]
    [InlineData("/mock/captures")]
    public async Task VeryLongUrlsAndHeaders_Get4xxInTheRoutesShape(string path)
    {
        await SeedAsync();
        var route = BodyRoutes.FirstOrDefault(r => r.Path == path);
        var method = route?.Method ?? "GET";
        var body = route is null ? new BadRequest("", [], null) : new BadRequest("", Encoding.UTF8.GetBytes(route.Body), Otlp.Json);

        // Past the app's limits the app answers, in the route's shape; past Kestrel's, Kestrel does, bare.
        foreach (var (length, bare) in new[] { (RequestLimits.MaxUrlLength + 1, false), (60_000, false), (2_000_000, true) })
        {
            var request = body with { Name = $"URL of {length} characters" };
            var target = $"{path}?q={new string('q', length - path.Length - 3)}";
            var response = bare ? await SendPastKestrelsLimitsAsync(method, target, request) : await SendAsync(method, target, request);
            await ExpectAsync(path, request, response, allowSuccess: false, bare);
            Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        }
        foreach (var (length, bare) in new[] { (RequestLimits.MaxHeaderBytes + 1, false), (200_000, false), (2_000_000, true) })
        {
            var request = body with { Name = $"header of {length} characters" };
            var response = bare
                ? await SendPastKestrelsLimitsAsync(method, path, request, ("X-Long", new string('h', length)))
                : await SendAsync(method, path, request, ("X-Long", new string('h', length)));
            await ExpectAsync(path, request, response, allowSuccess: false, bare);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }
        foreach (var (count, bare) in new[] { (RequestLimits.MaxHeaderCount + 1, false), (2_000, true) })
        {
            var many = Enumerable.Range(0, count).Select(i => ($"X-Many-{i}", "m")).ToArray();
            var request = body with { Name = $"{count} headers" };
            var response = bare ? await SendPastKestrelsLimitsAsync(method, path, request, many) : await SendAsync(method, path, request, many);
            await ExpectAsync(path, request, response, allowSuccess: false, bare);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }

        // Just inside the limits, the request is answered as usual.
        var within = await SendAsync(method, path, body with { Name = "long but within the limits" }, ("X-Long", new string('h', RequestLimits.MaxHeaderBytes / 2)));
        Assert.True(within.IsSuccessStatusCode, $"{(int)within.StatusCode}");

        await AssertStillWholeAsync();
    }

    /// <summary>The operations of the OpenAPI document, which lists every route's query and path parameters.</summary>
    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name != "parameters"))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)).ToArray()
                    : [];
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, parameters));
            }
        }
        Assert.Contains(operations, o => o.Template == "/mock/captures/wait" && o.Parameters.Any(p => p.Name == "timeoutMs"));
        Assert.Contains(operations, o => o.Template == "/mock/otlp/spans" && o.Parameters.Any(p => p.Name == "traceId"));
        return operations;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, BadRequest request, params (string Name, string Value)[] headers)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), path);
        if (request.Body.Length > 0 || request.ContentType is not null || method is "POST" or "PUT")
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            if (request.ContentEncoding is not null)
                message.Content.Headers.TryAddWithoutValidation("Content-Encoding", request.ContentEncoding);
        }
        foreach (var (name, value) in headers)
            message.Headers.TryAddWithoutValidation(name, value);
        try
        {
            // Headers first: a stream answers 200 and then never ends.
            var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            if (response.IsSuccessStatusCode)
                response.Dispose();
            else
                await response.Content.LoadIntoBufferAsync();
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Assert.Fail($"{method} {Shorten(path)} ({request.Name}): no answer: {e.Message}");
            throw;
        }
    }

    /// <summary>
    /// A request Kestrel refuses before it has read it all, which it answers and then resets: on a bare socket that
    /// reads the answer however the write ends (<see cref="RawHttp"/>), since an HttpClient may fail on the write first.
    /// </summary>
    private async Task<HttpResponseMessage> SendPastKestrelsLimitsAsync(string method, string target, BadRequest request, params (string Name, string Value)[] headers)
    {
        using var timeout = new CancellationTokenSource(Waiting.Bound);
        try
        {
            return await RawHttp.SendAsync(Client.BaseAddress!, method, target, headers, request.Body, request.ContentType, timeout.Token);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or HttpRequestException or OperationCanceledException)
        {
            Assert.Fail($"{method} {Shorten(target)} ({request.Name}): no answer: {e.Message}");
            throw;
        }
    }

    /// <summary>
    /// Records a failure unless the answer is a 4xx in the route's shape, or (when allowed) a 2xx. With
    /// <paramref name="bare"/>, Kestrel refused the request before the app saw it, so any 4xx will do.
    /// </summary>
    /// <returns>Whether the request was refused.</returns>
    private async Task<bool> ExpectAsync(string path, BadRequest request, HttpResponseMessage response, bool allowSuccess, bool bare = false)
    {
        var status = (int)response.StatusCode;
        var where = $"{Shorten(path)} ({request.Name})";
        if (status is >= 200 and < 300)
        {
            if (!allowSuccess)
                _failures.Add($"{where}: accepted with {status}");
            return false;
        }
        if (status is < 400 or >= 500)
        {
            _failures.Add($"{where}: answered {status}: {Shorten(await response.Content.ReadAsStringAsync())}");
            return true;
        }
        if (!bare && ShapeProblem(path, request, response, await response.Content.ReadAsByteArrayAsync()) is { } problem)
            _failures.Add($"{where}: {status} {problem}");
        return true;
    }

    /// <summary>What is wrong with a 4xx body for the route's surface; null when it is right.</summary>
    private static string? ShapeProblem(string path, BadRequest request, HttpResponseMessage response, byte[] body) =>
        Refusals.IsOtlp(path) ? Refusals.CheckStatus(response, body, request.ContentType) : Refusals.CheckProblem(response, body);

    /// <summary>One capture on each wire route that reads a body; the corpus must leave them exactly as they are.</summary>
    private async Task SeedAsync()
    {
        foreach (var route in BodyRoutes.Where(r => !r.Path.StartsWith("/mock", StringComparison.Ordinal)))
        {
            var response = await SendAsync(route.Method, route.Path, new BadRequest("seed", Encoding.UTF8.GetBytes(route.Body), Otlp.Json));
            Assert.True(response.IsSuccessStatusCode, $"seed {route.Path}: {(int)response.StatusCode}");
        }
        var captures = await Client.CapturesAsync("?limit=1000");
        _seeded = captures.TakeLast(BodyRoutes.Length - 2).ToDictionary(c => c.GetProperty("sequence").GetInt64(), c => c.GetRawText());
    }

    /// <summary>No failures recorded, the server healthy, and the seeded captures unchanged.</summary>
    private async Task AssertStillWholeAsync()
    {
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures:\n{string.Join('\n', _failures.Take(80))}");
        var health = await Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await AssertSeedsIntactAsync();
    }

    private async Task AssertSeedsIntactAsync()
    {
        foreach (var (sequence, json) in _seeded)
        {
            var now = await Client.GetAsync($"/mock/captures/{sequence}");
            Assert.True(now.StatusCode == HttpStatusCode.OK, $"capture {sequence} is gone");
            Assert.Equal(json, (await now.ReadJsonAsync()).GetRawText());
        }
    }

    private static string Sample(string name) => Wire.Sample(name);

    /// <summary>Kestrel refuses a NUL in a path or header with a bare 400 before the app sees the request.</summary>
    private static bool KestrelRefuses(string value) => value.Contains("%00", StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 300 ? text : $"{text[..300]}... ({text.Length} characters)";

    private sealed record BodyRoute(string Method, string Path, string Body);

    private sealed record Parameter(string Name, string In);

    private sealed record Operation(string Method, string Template, Parameter[] Parameters)
    {
        /// <summary>Routes whose success removes captures; the corpus seeds again after one succeeds.</summary>
        public bool Destructive => Method is "DELETE" || Template == "/mock/reset";

        /// <summary>The path with <paramref name="name"/> set to <paramref name="value"/> (already URL-escaped as it should be sent).</summary>
        public string Path(string name, string value)
        {
            var path = Template;
            var query = new List<string>();
            foreach (var parameter in Parameters)
            {
                var v = parameter.Name == name ? value : null;
                if (parameter.In == "path")
                    path = path.Replace($"{{{parameter.Name}}}", v ?? (parameter.Name == "key" ? "lcl_corpus" : "1"), StringComparison.Ordinal);
                else if (v is not null)
                    query.Add($"{parameter.Name}={v}");
            }
            if (Template.EndsWith("/wait", StringComparison.Ordinal) && name != "timeoutMs")
                query.Add("timeoutMs=0");
            return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
        }
    }
}
