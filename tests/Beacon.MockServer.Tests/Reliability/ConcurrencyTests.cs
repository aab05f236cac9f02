using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Features.Otlp;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// Sixty-four clients at once, each sending a mix of every wire route while fault rules answer some of
/// them with errors or drop them, and readers and waiters query the store. Each request carries its own
/// license key, so its capture can be found: every request is captured exactly once, each 2xx with the
/// status it was answered, sequences are unique, and no waiter misses the capture it waits for.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const int Clients = 64;
    private const int RequestsPerClient = 24;
    private const int Requests = Clients * RequestsPerClient;

    private static readonly string[] Routes =
    [
        "/v1/beacon/verify", "/v1/beacon/ingest-traces", "/v1/beacon/usage-snapshot", "/v1/metadata/submit",
        "/v1/beacon/metadata/submit", "/auth", Otlp.Traces, Otlp.Metrics, Otlp.Logs, Otlp.Traces + "#protobuf",
        "/ns/parallel/v1/beacon/verify", "/ns/parallel" + Otlp.Logs,
    ];

    private BeaconApplication? _app;

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task SixtyFourClientsMixingEveryRoute_WithFaults_EveryRequestCapturedOnce_AndNoWaiterMissesOne()
    {
        _app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Store:MaxCaptures"] = "5000" });
        var admin = _app.CreateBeaconClient();
        await AddFaultsAsync(admin);

        // Waiters registered before the load, for a request in the middle of each client's run.
        var waiters = Enumerable.Range(0, Clients).Select(c => WaitForAsync(admin, License(c, RequestsPerClient / 2))).ToList();
        await _app.Store().WhenWaitersAsync(n => n >= Clients);

        var sent = await RunAsync(_app);

        // A waiter for each request, registered after the load, finds its capture at once.
        waiters.AddRange(sent.Take(200).Select(s => WaitForAsync(admin, s.License)));
        var answered = await Task.WhenAll(waiters);
        Assert.All(answered, a => Assert.Equal(HttpStatusCode.OK, a));

        var captures = await admin.AllCapturesAsync();
        Assert.Equal(Requests, captures.Length);
        Assert.Equal(Requests, captures.Select(c => c.GetProperty("sequence").GetInt64()).Distinct().Count());
        var byLicense = captures.ToLookup(c => c.GetProperty("license").GetString() ?? "");
        Assert.All(sent, s =>
        {
            var capture = Assert.Single(byLicense[s.License]);
            if (s.Status is { } status)
                Assert.Equal(status, capture.GetProperty("status").GetInt32());
            else
                Assert.Equal(444, capture.GetProperty("status").GetInt32()); // Dropped by a fault rule.
        });
        // The faults did fire, and most requests still got through.
        Assert.Contains(sent, s => s.Status is 503 or 429);
        Assert.Contains(sent, s => s.Status is null);
        Assert.True(sent.Count(s => s.Status is >= 200 and < 300) > Requests / 2);

        var stats = await StatsAsync(admin);
        Assert.Equal((Requests, Requests, 0L), (stats.Count, stats.Received, stats.Evicted));
    }

    [Fact]
    public async Task SixtyFourClientsOverTheCountCap_CapturedPlusEvictedEqualsReceived()
    {
        const int cap = 500;
        _app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Store:MaxCaptures"] = $"{cap}" });
        var admin = _app.CreateBeaconClient();
        await AddFaultsAsync(admin);

        var sent = await RunAsync(_app);

        var stats = await StatsAsync(admin);
        Assert.Equal(Requests, sent.Count);
        Assert.Equal((cap, (long)Requests, (long)Requests - cap), (stats.Count, stats.Received, stats.Evicted));
        // What is left is the newest, with no gap and no repeat.
        var captures = await admin.AllCapturesAsync();
        Assert.Equal(Enumerable.Range(Requests - cap + 1, cap).Select(i => (long)i), captures.Select(c => c.GetProperty("sequence").GetInt64()));
        var kept = captures.Select(c => c.GetProperty("license").GetString()).ToHashSet();
        Assert.Equal(cap, kept.Count);
        Assert.Subset(sent.Select(s => s.License).ToHashSet(), kept!);
    }

    /// <summary>Some usage snapshots answer 503, every metrics export 429, and a few logs exports are dropped.</summary>
    private static async Task AddFaultsAsync(HttpClient admin)
    {
        await admin.AddFaultAsync("""{"match": {"kind": "usage-snapshot"}, "status": 503, "probability": 0.5, "seed": 7}""");
        await admin.AddFaultAsync("""{"match": {"kind": "metrics"}, "status": 429, "retryAfter": 1}""");
        await admin.AddFaultAsync("""{"match": {"kind": "logs"}, "dropConnection": true, "times": 20}""");
    }

    private static async Task<List<Sent>> RunAsync(BeaconApplication app)
    {
        var sent = new ConcurrentBag<Sent>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, Clients).Select(async c =>
        {
            var client = app.CreateBeaconClient();
            await start.Task;
            for (var r = 0; r < RequestsPerClient; r++)
            {
                var route = Routes[(c + r) % Routes.Length];
                var license = License(c, r);
                int? status;
                try
                {
                    using var response = await client.SendAsync(Request(route, license));
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    status = null; // Dropped by a fault rule (in memory, the test server reports an aborted request).
                }
                sent.Add(new Sent(route, license, status));
                // Readers between the writes: a list and a view, as a test polling the mock would.
                if (r % 8 == 0)
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/mock/captures?license={license}")).StatusCode);
                if (r % 8 == 4)
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mock/otlp/spans?limit=5")).StatusCode);
            }
        }).ToList();
        start.SetResult();
        await Task.WhenAll(clients).WaitAsync(Waiting.Bound * 4);
        return [.. sent];
    }

    private static string License(int client, int request) => $"lcl_c{client:00}_r{request:00}";

    private static HttpRequestMessage Request(string route, string license)
    {
        var path = route.Split('#')[0];
        if (route == "/auth")
        {
            var auth = new HttpRequestMessage(HttpMethod.Get, "/auth?langgraph-api=true");
            auth.Headers.Add("X-Api-Key", license);
            return auth;
        }
        if (path.Contains("/v1/beacon/v1/", StringComparison.Ordinal))
        {
            var signal = path[(path.LastIndexOf('/') + 1)..];
            var content = route.EndsWith("#protobuf", StringComparison.Ordinal)
                ? Otlp.Content(OtlpMessages.Traces().ToByteArray(), Otlp.Protobuf)
                : Otlp.Content(System.Text.Encoding.UTF8.GetBytes(Wire.Sample($"otlp-{signal}-request")), Otlp.Json);
            var export = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            export.Headers.Add("X-Langchain-License-Key", license);
            return export;
        }

        var sample = path.EndsWith("/verify", StringComparison.Ordinal) ? "verify-request"
            : path.EndsWith("/ingest-traces", StringComparison.Ordinal) ? "ingest-traces-request"
            : path.EndsWith("/usage-snapshot", StringComparison.Ordinal) ? "usage-snapshot-request"
            : "metadata-submit-request";
        var body = JsonNode.Parse(Wire.Sample(sample))!;
        body[body["license"] is not null ? "license" : "license_key"] = license;
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = Wire.Json(body.ToJsonString()) };
    }

    private static async Task<HttpStatusCode> WaitForAsync(HttpClient client, string license)
    {
        using var response = await client.GetAsync($"/mock/captures/wait?license={license}&timeoutMs=300000").WaitAsync(Waiting.Bound * 4);
        return response.StatusCode;
    }

    private static async Task<(int Count, long Received, long Evicted)> StatsAsync(HttpClient client)
    {
        var store = (await client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store");
        return (store.GetProperty("count").GetInt32(), store.GetProperty("received").GetInt64(), store.GetProperty("evicted").GetInt64());
    }

    /// <param name="Status">The status answered; null when the connection was dropped.</param>
    private sealed record Sent(string Route, string License, int? Status);
}
