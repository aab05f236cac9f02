using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Features.License;
using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>Runs alone, so that the process's managed memory is the flood's alone to move.</summary>
[CollectionDefinition(nameof(MemoryFloodTests), DisableParallelization = true)]
public sealed class MemoryFloodCollection;

/// <summary>
/// Floods far past every cap: the store's count and bytes, the billing ledger, the seen licenses, the
/// fault rules and the run-time license changes. Each stays within its cap, says what it dropped, and
/// the process's managed memory stops growing once the caps are reached.
/// </summary>
[Collection(nameof(MemoryFloodTests))]
public sealed class MemoryFloodTests(ITestOutputHelper output) : HostedTest(Settings)
{
    private const int MaxCaptures = 400;
    private const int MaxBytes = 2 * 1024 * 1024;
    private const int MaxTransactions = 300;
    private const int Senders = 8;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Beacon:Store:MaxCaptures"] = $"{MaxCaptures}",
        ["Beacon:Store:MaxBytes"] = $"{MaxBytes}",
        ["Beacon:Store:MaxTransactions"] = $"{MaxTransactions}",
        // The test's log sink keeps every event; at Warning it keeps none of the flood's.
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    private readonly ITestOutputHelper _output = output;

    [Fact]
    public async Task FloodFarPastTheStoreCaps_StaysWithinThem_CountsEveryEviction_AndMemoryStopsGrowing()
    {
        // Fill every structure to its cap once, then measure.
        await FloodAsync(first: 0, count: 2_000);
        var filled = ManagedBytes();

        // Twenty-five times the count cap more, and about twenty times the bytes cap.
        await FloodAsync(first: 2_000, count: 10_000);
        var flooded = ManagedBytes();

        var store = (await Client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("store");
        var (count, bytes, received, evicted) = (store.GetProperty("count").GetInt32(), store.GetProperty("bytes").GetInt64(),
            store.GetProperty("received").GetInt64(), store.GetProperty("evicted").GetInt64());
        Assert.Equal(12_000, received);
        Assert.InRange(count, 1, MaxCaptures);
        Assert.InRange(bytes, 1, MaxBytes);
        Assert.Equal(received, count + evicted);
        // The bytes cap, not only the count cap, decided: the large bodies leave fewer than MaxCaptures.
        Assert.True(count < MaxCaptures, $"{count} captures in {bytes} bytes");
        // The list says so too, so a test reading it knows something is missing.
        var list = await Client.GetFromJsonAsync<JsonElement>("/mock/captures?limit=1");
        Assert.Equal(evicted, list.GetProperty("evicted").GetInt64());

        var billing = await Client.GetFromJsonAsync<JsonElement>("/mock/billing/transactions");
        var held = billing.GetProperty("items").EnumerateArray().Sum(a => a.GetProperty("transactions").GetArrayLength());
        Assert.Equal(MaxTransactions, held);
        Assert.Equal(4_000 - MaxTransactions, billing.GetProperty("forgotten").GetInt64());

        var licenses = await Client.GetFromJsonAsync<JsonElement>("/mock/licenses");
        Assert.Equal(LicenseRegistry.MaxTrackedLicenses, licenses.GetProperty("items").GetArrayLength()); // 12,000 keys seen, the first 10,000 tracked.

        // What was already full stays the same size: 10,000 more requests grow managed memory by less than
        // a few hundred bytes each (a leak of one small object per request would show as more).
        var growth = flooded - filled;
        _output.WriteLine($"managed memory: {filled / 1024} KiB at the caps, {flooded / 1024} KiB after 10,000 more requests; store {count} captures, {bytes / 1024} KiB");
        Assert.True(growth < 8 * 1024 * 1024, $"managed memory grew {growth / 1024} KiB over 10,000 requests at the caps ({filled / 1024} KiB to {flooded / 1024} KiB)");
    }

    [Fact]
    public async Task FaultRulesPastTheCap_Get409_UntilCleared()
    {
        for (var i = 0; i < FaultRegistry.MaxRules; i++)
            await Client.AddFaultAsync($$"""{"match": {"license": "lcl_{{i}}"}, "status": 503}""");

        var refused = await Client.PostJsonAsync(FaultApi.Route, """{"status": 503}""");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("DELETE /mock/faults", (await refused.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(FaultRegistry.MaxRules, (await Client.FaultsAsync()).Length);
        await Client.DeleteAsync(FaultApi.Route);
        Assert.Equal(HttpStatusCode.Created, (await Client.PostJsonAsync(FaultApi.Route, """{"status": 503}""")).StatusCode);
    }

    [Fact]
    public async Task LicenseChangesPastTheCap_Get409_UntilReset()
    {
        var puts = Enumerable.Range(0, LicenseRegistry.MaxTrackedLicenses).Chunk(LicenseRegistry.MaxTrackedLicenses / Senders).Select(async keys =>
        {
            foreach (var key in keys)
                Assert.True((await Client.PutAsync($"/mock/licenses/lcl_{key}", Wire.Json("""{"status": "revoked"}"""))).IsSuccessStatusCode);
        });
        await Task.WhenAll(puts);

        var refused = await Client.PutAsync("/mock/licenses/lcl_one_more", Wire.Json("""{"status": "revoked"}"""));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("POST /mock/reset", (await refused.ReadProblemAsync()).GetProperty("detail").GetString());
        // A change to a key already changed still goes through.
        Assert.True((await Client.PutAsync("/mock/licenses/lcl_7", Wire.Json("""{"status": "active"}"""))).IsSuccessStatusCode);
        await Client.PostAsync("/mock/reset", null);
        Assert.True((await Client.PutAsync("/mock/licenses/lcl_one_more", Wire.Json("""{"status": "revoked"}"""))).IsSuccessStatusCode);
    }

    /// <summary>
    /// <paramref name="count"/> requests from <see cref="Senders"/> clients, each under its own license: a
    /// third verify calls (small), a third ingest-traces with a 16 KiB note (large, and a billing
    /// transaction each), a third OTLP trace exports.
    /// </summary>
    private async Task FloodAsync(int first, int count)
    {
        var ingest = JsonNode.Parse(Wire.Sample("ingest-traces-request"))!;
        ingest["note"] = new string('n', 16 * 1024);
        var traces = System.Text.Encoding.UTF8.GetBytes(Wire.Sample("otlp-traces-request"));

        var senders = Enumerable.Range(0, Senders).Select(async sender =>
        {
            var client = App.CreateBeaconClient();
            for (var i = first + sender; i < first + count; i += Senders)
            {
                var license = $"lcl_flood_{i}";
                using var response = (i % 3) switch
                {
                    0 => await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "{{license}}"}"""),
                    1 => await client.PostJsonAsync("/v1/beacon/ingest-traces", Ingest(ingest, license)),
                    _ => await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Otlp.Traces)
                    {
                        Content = Otlp.Content(traces, Otlp.Json),
                        Headers = { { "X-Langchain-License-Key", license } },
                    }),
                };
                Assert.True(response.IsSuccessStatusCode, $"request {i}: {(int)response.StatusCode}");
            }
        });
        await Task.WhenAll(senders);
    }

    private static string Ingest(JsonNode template, string license)
    {
        var body = template.DeepClone();
        body["license"] = license;
        body["trace_transactions"]![0]!["id"] = Guid.NewGuid().ToString();
        return body.ToJsonString();
    }

    private static long ManagedBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
