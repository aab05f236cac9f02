using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Tests.Infrastructure;
using static Beacon.MockServer.Tests.Features.Egress.EgressPromiseTests;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>
/// Requests of one namespace are audited at once, on every thread that serves them, with no lock in common: every count
/// stays exact. And a name the audit found clean once is not searched again, until a key it holds becomes known.
/// </summary>
public sealed class EgressConcurrencyTests : HostedTest
{
    [Fact]
    public async Task ManyRequestsAtOnce_AreEachCountedOnce()
    {
        const int Exports = 200, Ingests = 100;
        var ingest = Wire.Sample("ingest-traces-request");
        var span = EgressTraffic.Span("receive_request");
        using var gate = new SemaphoreSlim(16);
        async Task SendAsync(string path, string json)
        {
            await gate.WaitAsync();
            try
            {
                await EgressTraffic.PostAsync(Client, path, json);
            }
            finally
            {
                gate.Release();
            }
        }
        await Task.WhenAll([
            .. Enumerable.Range(0, Exports).Select(_ => Task.Run(() => SendAsync("/v1/beacon/v1/traces", span))),
            .. Enumerable.Range(0, Ingests).Select(_ => Task.Run(() => SendAsync("/v1/beacon/ingest-traces", ingest))),
        ]);

        var report = await ReportAsync(Client);

        Assert.Equal(Exports + Ingests, report.GetProperty("captures").GetInt64());
        var endpoints = report.GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("kind").GetString()!, e => e.GetProperty("count").GetInt64());
        Assert.Equal(Exports, endpoints["traces"]);
        Assert.Equal(Ingests, endpoints["ingest-traces"]);
        var fields = Fields(report).ToDictionary(f => (f.GetProperty("kind").GetString(), f.GetProperty("path").GetString()), f => f.GetProperty("count").GetInt64());
        Assert.Equal(Exports, fields[("traces", "spans.receive_request")]);
        Assert.Equal(Exports, fields[("traces", "attributes.endpoint")]);
        Assert.Equal(Ingests, fields[("ingest-traces", "license")]);
    }

    [Fact]
    public async Task ASpanNameFoundCleanBefore_IsSearchedAgain_OnceAKeyItHoldsIsKnown()
    {
        var named = EgressTraffic.Span($"sync {EgressTraffic.License}");
        await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/traces", named);
        await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/traces", named);
        Assert.Equal(0, Promise(await ReportAsync(Client), "license-key-confined").GetProperty("violations").GetInt64());

        await EgressTraffic.PostAsync(Client, "/v1/beacon/verify", $$"""{"license": "{{EgressTraffic.License}}"}""");
        await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/traces", named);

        var report = await ReportAsync(Client);
        var promise = Promise(report, "license-key-confined");
        Assert.Equal(1, promise.GetProperty("violations").GetInt64());
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[0].name", Assert.Single(promise.GetProperty("evidence").EnumerateArray()).GetProperty("path").GetString());
        // Counted twice under its name as sent (no key was known then), and once masked.
        var spans = Fields(report).Where(f => f.GetProperty("category").GetString() == "span").ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(2, spans.Single(s => s.Key.Contains(EgressTraffic.License, StringComparison.Ordinal)).Value);
        Assert.Equal(1, spans.Single(s => !s.Key.Contains(EgressTraffic.License, StringComparison.Ordinal)).Value);
    }
}

/// <summary>
/// The counts behind the audit, kept per thread and added up when read: exact whatever the threads, and the ledgers of
/// threads that have ended folded into one, so they stay as many as the threads alive.
/// </summary>
public sealed class AuditCountsTests
{
    [Fact]
    public void CountsAndTimesFromManyThreads_AddUp_AndEndedThreadsAreFolded()
    {
        var counts = new AuditCounts();
        var count = counts.Reserve(SlotKind.Count);
        var times = counts.Reserve(SlotKind.Least, SlotKind.Greatest);
        // Each thread makes its ledger, then waits for the others to make theirs: six at once, none ended yet.
        using var joined = new Barrier(6);
        var threads = Enumerable.Range(1, 6).Select(t => new Thread(() =>
        {
            for (var i = 1; i <= 10_000; i++)
            {
                counts.Add(count);
                if (i == 1)
                    joined.SignalAndWait();
                counts.KeepLeast(times, 1_000 * t + i);
                counts.KeepGreatest(times + 1, 1_000 * t + i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        // Read while they write: never more than was added, never less than before.
        long last = 0;
        while (threads.Exists(t => t.IsAlive))
        {
            var sum = counts.Value(count);
            Assert.InRange(sum, last, 60_000);
            last = sum;
        }
        threads.ForEach(t => t.Join());

        Assert.Equal(6, counts.Ledgers);
        counts.Add(count);

        Assert.Equal(1, counts.Ledgers);
        Assert.Equal(60_001, counts.Value(count));
        Assert.Equal(1_001, counts.Value(times));
        Assert.Equal(16_000, counts.Value(times + 1));
    }

    [Fact]
    public void ASlotReservedAfterAThreadsFirstCount_IsCountedToo()
    {
        var counts = new AuditCounts();
        var first = counts.Reserve(SlotKind.Count);
        counts.Add(first);
        var slots = Enumerable.Range(0, 100).Select(_ => counts.Reserve(SlotKind.Count)).ToList();

        slots.ForEach(slot => counts.Add(slot));

        Assert.All(slots.Prepend(first), slot => Assert.Equal(1, counts.Value(slot)));
    }
}
