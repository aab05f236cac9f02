using System.Net;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// Sends the cases of one mutation run and checks each answer: never a 5xx, and a 4xx always in its route's
/// error shape. Failures are collected, not thrown at the first, so one run shows every kind it found; each
/// is printed with what replays it. Afterwards it checks what the whole run must leave behind.
/// </summary>
public sealed class MutationRun(HttpClient client, int seed, ITestOutputHelper output)
{
    private const int ShownFailures = 5;

    private readonly List<string> _failures = [];
    private readonly SortedDictionary<int, int> _statuses = [];
    private long _captured;
    private byte[]? _early;
    private long _earlySequence;

    public int Seed => seed;

    /// <summary>Sends valid requests first and keeps the first capture as it was, to compare after the run.</summary>
    public async Task SeedAsync(IEnumerable<HttpRequestMessage> valid)
    {
        foreach (var request in valid)
        {
            using (request)
            {
                var response = await client.SendAsync(request);
                Assert.True(response.IsSuccessStatusCode, $"{request.RequestUri} answered {(int)response.StatusCode} to its valid sample");
                _captured++;
            }
        }
        var first = await client.CapturesAsync("?limit=1");
        _earlySequence = first[0].GetProperty("sequence").GetInt64();
        _early = await client.GetByteArrayAsync($"/mock/captures/{_earlySequence}");
    }

    /// <summary>Sends one case, bounded in time, and records what is wrong with its answer, if anything.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)?> SendAsync(MutationCase mutation)
    {
        if (mutation.Captured)
            _captured++;
        using var bound = new CancellationTokenSource(Waiting.Bound);
        try
        {
            using var request = mutation.ToRequest();
            using var response = await client.SendAsync(request, bound.Token);
            var body = await response.Content.ReadAsByteArrayAsync(bound.Token);
            var status = (int)response.StatusCode;
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (Check(mutation, response, body) is { } wrong)
                Fail(mutation, $"{wrong}\n  answered {status} {response.Content.Headers.ContentType}: {Shown(body)}");
            else if (response.IsSuccessStatusCode && mutation is { Captured: true, View: { } view })
                await CheckViewAsync(mutation, view, bound.Token);
            return (response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            Fail(mutation, bound.IsCancellationRequested ? $"no answer within {Waiting.Bound}" : $"the request failed: {e}");
            return null;
        }
    }

    /// <summary>An accepted export is flattened by its view: reading just this capture back must work.</summary>
    private async Task CheckViewAsync(MutationCase mutation, string view, CancellationToken cancellationToken)
    {
        // Captures are taken one at a time here, so this one's sequence is the number taken so far.
        using var response = await client.GetAsync($"/mock/otlp/{view}?after={_captured - 1}&limit=1000", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            Fail(mutation, $"accepted, but GET /mock/otlp/{view} then answered {(int)response.StatusCode}: {Shown(body)}");
        }
    }

    private static string? Check(MutationCase mutation, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
            return "a 5xx";
        if (status < 400)
            return mutation.Surface == Surface.Otlp && status == 200 ? Refusals.CheckOtlpEncoding(response, mutation.Header("Content-Type")) : null;
        return mutation.Surface == Surface.Problem ? Refusals.CheckProblem(response, body) : Refusals.CheckStatus(response, body, mutation.Header("Content-Type"));
    }

    private void Fail(MutationCase mutation, string what)
    {
        _failures.Add($"{mutation.Describe(seed)}\n  {what}");
    }

    private static string Shown(byte[] body) =>
        body.Length <= 600 ? Encoding.UTF8.GetString(body) : $"{Encoding.UTF8.GetString(body, 0, 600)}... ({body.Length} bytes)";

    /// <summary>
    /// After the run: no case failed; the server is healthy; every wire request it took is a capture (or was
    /// evicted), every list and view still reads as JSON, and the capture taken before the run is unchanged.
    /// </summary>
    public async Task AssertAfterRunAsync(string family, int cases)
    {
        output.WriteLine($"{family}: seed {seed}, {cases} cases; statuses {string.Join(", ", _statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        if (_failures.Count > 0)
        {
            Assert.Fail($"{_failures.Count} of {cases} {family} cases failed (seed {seed}; replay with BEACON_MUTATION_SEED={seed}"
                + $" BEACON_MUTATION_CASES={cases}). The first {Math.Min(ShownFailures, _failures.Count)}:\n\n"
                + string.Join("\n\n", _failures.Take(ShownFailures)));
        }

        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var store = (await health.ReadJsonAsync()).GetProperty("store");
        Assert.Equal(_captured, store.GetProperty("received").GetInt64());
        Assert.Equal(_captured, store.GetProperty("count").GetInt64() + store.GetProperty("evicted").GetInt64());

        foreach (var list in (string[])["/mock/captures?limit=1000", "/mock/captures/export", "/mock/licenses", "/mock/billing/transactions",
            "/mock/faults", "/mock/otlp/spans?limit=1000", "/mock/otlp/metrics?limit=1000", "/mock/otlp/logs?limit=1000"])
        {
            var response = await client.GetAsync(list);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"seed {seed}: GET {list} answered {(int)response.StatusCode} after the run");
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(await response.Content.ReadAsByteArrayAsync());
            foreach (var line in list.Contains("export", StringComparison.Ordinal) ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [text])
                JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 512 }).Dispose();
        }

        Assert.Equal(Encoding.UTF8.GetString(_early!), Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/mock/captures/{_earlySequence}")));
        Assert.True(_statuses.Keys.Any(s => s < 300) && _statuses.Keys.Any(s => s >= 400),
            $"seed {seed}: the {family} mutations should be both accepted and refused; statuses {string.Join(", ", _statuses.Keys)}");
    }
}
