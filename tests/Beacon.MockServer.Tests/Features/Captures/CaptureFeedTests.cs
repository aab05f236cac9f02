using System.Net;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>The live stream (Server-Sent Events) and the NDJSON export, and reset.</summary>
public sealed class CaptureFeedTests : HostedTest
{
    [Fact]
    public async Task Stream_DeliversCapturesInSequenceOrder_ThoseBeforeAndThoseArrivingWhileOpen()
    {
        // More than one batch already stored, then more arriving from several clients at once.
        for (var i = 0; i < 300; i++)
            await Client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"lic-{{i}}"}""");
        using var cancel = new CancellationTokenSource(Waiting.Bound);
        using var stream = await OpenStreamAsync("/mock/captures/stream?kind=verify", cancel.Token);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async c =>
        {
            var client = App.CreateBeaconClient();
            for (var i = 0; i < 25; i++)
                await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"lic-{{c}}-{{i}}"}""");
        }));
        var events = await ReadEventsAsync(stream, 500, cancel.Token);

        Assert.Equal(Enumerable.Range(1, 500).Select(i => i.ToString()), events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal("capture", e.Event));
        Assert.Equal(events.Select(e => e.Id), events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("sequence").GetInt64().ToString()));
    }

    [Fact]
    public async Task Stream_WithFilters_SendsOnlyMatches_AndResumesAfterLastEventId()
    {
        await Client.PostJsonAsync("/ns/a/v1/beacon/verify", """{"license":"lic-1"}""");
        await Client.PostJsonAsync("/ns/b/v1/beacon/verify", """{"license":"lic-2"}""");
        await Client.PostJsonAsync("/ns/a/v1/beacon/verify", """{"license":"lic-3"}""");
        await Client.PostJsonAsync("/ns/a/v1/beacon/verify", """{"license":"lic-4"}""");
        using var cancel = new CancellationTokenSource(Waiting.Bound);

        using var stream = await OpenStreamAsync("/mock/captures/stream?namespace=a", cancel.Token, lastEventId: "1");
        var events = await ReadEventsAsync(stream, 2, cancel.Token);

        Assert.Equal(["3", "4"], events.Select(e => e.Id));
    }

    [Fact]
    public async Task Stream_ClientThatLeaves_IsReleased()
    {
        // A real connection: closing it is what tells the server the client left.
        using var app = new BeaconApplication();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        using var client = app.CreateClient();
        var store = app.Store();
        var response = await client.GetAsync("/mock/captures/stream", HttpCompletionOption.ResponseHeadersRead);
        await store.WhenWaitersAsync(n => n == 1);

        response.Dispose();
        client.Dispose();

        await store.WhenWaitersAsync(n => n == 0);
        Assert.Equal(0, store.Stats.Waiters);
    }

    [Fact]
    public async Task Stream_EndsWhenTheServerStops_RatherThanHoldingItsShutdown()
    {
        using var app = new BeaconApplication();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/mock/captures/stream", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        await app.Store().WhenWaitersAsync(n => n == 1);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await app.DisposeAsync();

        // Well before the host's 30 s shutdown timeout, and the client saw the stream end rather than break.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var rest = new byte[4096];
        while (await body.ReadAsync(rest).AsTask().WaitAsync(Waiting.Bound) > 0)
        {
        }
    }

    [Fact]
    public async Task Stream_WithABadLastEventId_Answers400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mock/captures/stream");
        request.Headers.Add("Last-Event-ID", "seven");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Last-Event-ID"], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task Export_WritesEveryMatchingCaptureAsOneJsonLine_OldestFirst()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");
        await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, Wire.Sample("otlp-traces-request"));
        await Client.PostJsonAsync("/v1/beacon/verify", "{not json");

        var response = await Client.GetAsync("/mock/captures/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("captures.ndjson", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("", lines[^1]);
        var captures = lines[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([1L, 2, 3], captures.Select(c => c.GetProperty("sequence").GetInt64()));
        Assert.Equal(["verify", "traces", "verify"], captures.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal([200, 200, 400], captures.Select(c => c.GetProperty("status").GetInt32()));
        var listed = await Client.CapturesAsync();
        Assert.Equal(listed.Select(c => c.GetRawText()), captures.Select(c => c.GetRawText()));
    }

    [Fact]
    public async Task Export_PrettyPrintedBody_StaysOnOneLine()
    {
        // The documented samples are pretty-printed; a payload is kept as sent, line breaks and all.
        await Client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await Client.PostJsonAsync("/v1/beacon/verify", "{\r\n  \"license\": \"lic-1\"\r\n}");

        var text = await Client.GetStringAsync("/mock/captures/export");

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var captures = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(JsonDocument.Parse(Wire.Sample("ingest-traces-request")).RootElement.GetProperty("trace_transactions").GetArrayLength(),
            captures[0].GetProperty("payload").GetProperty("trace_transactions").GetArrayLength());
        Assert.Equal("lic-1", captures[1].GetProperty("payload").GetProperty("license").GetString());
    }

    [Fact]
    public async Task Export_TakesTheListsFilters()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");
        await Client.PostJsonAsync("/ns/t1/v1/beacon/verify", """{"license":"lic-2"}""");

        var text = await Client.GetStringAsync("/mock/captures/export?namespace=t1");

        var capture = JsonDocument.Parse(Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal("lic-2", capture.GetProperty("license").GetString());
    }

    [Fact]
    public async Task Reset_ClearsCapturesAndLedger_ButNeverReusesASequence()
    {
        await Client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");

        var reset = await Client.PostAsync("/mock/reset", null);
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-2"}""");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var capture = Assert.Single(await Client.CapturesAsync());
        Assert.Equal(3, capture.GetProperty("sequence").GetInt64());
        var billing = await (await Client.GetAsync("/mock/billing/transactions")).ReadJsonAsync();
        Assert.Equal(0, billing.GetProperty("items").GetArrayLength());
        // The transaction id is new again: it is billed, not taken for a retry.
        var again = await (await Client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"))).ReadJsonAsync();
        Assert.Equal(1, again.GetProperty("inserted_count").GetInt32());
    }

    [Fact]
    public async Task Reset_OfANamespace_LeavesTheOthersAlone()
    {
        await Client.PostJsonAsync("/ns/t1/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await Client.PostJsonAsync("/ns/t2/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));

        await Client.PostAsync("/mock/reset?namespace=t1", null);

        var capture = Assert.Single(await Client.CapturesAsync());
        Assert.Equal("t2", capture.GetProperty("namespace").GetString());
        var billing = await (await Client.GetAsync("/mock/billing/transactions")).ReadJsonAsync();
        Assert.Equal(["t2"], billing.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("namespace").GetString()));
    }

    [Fact]
    public async Task Reset_PutsFaultRulesAndLicensesBackToTheStartupConfiguration()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Faults:0:Match:Kind"] = "usage-snapshot",
            ["Beacon:Faults:0:Status"] = "503",
            ["Beacon:Licenses:0:Key"] = "lic-configured",
        });
        var client = app.CreateBeaconClient();
        await client.DeleteAsync("/mock/faults");
        await client.AddFaultAsync("""{"match": {"kind": "verify"}, "status": 429}""");
        await client.PutAsync("/mock/licenses/lic-configured", Wire.Json("""{"status": "revoked"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.VerifyAsync("lic-other")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/mock/reset", null)).StatusCode);

        var rule = Assert.Single(await client.FaultsAsync());
        Assert.Equal((503, true, 0), (rule.GetProperty("status").GetInt32(), rule.GetProperty("configured").GetBoolean(), rule.GetProperty("fired").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await client.VerifyAsync("lic-configured")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable,
            (await client.PostJsonAsync("/v1/beacon/usage-snapshot", Wire.Sample("usage-snapshot-request"))).StatusCode);
    }

    [Fact]
    public async Task Reset_OfANamespace_RemovesOnlyThatNamespacesFaultRules()
    {
        await Client.AddFaultAsync("""{"match": {"namespace": "t1"}, "status": 503}""");
        await Client.AddFaultAsync("""{"match": {"namespace": "t2"}, "status": 503}""");

        await Client.PostAsync("/mock/reset?namespace=t1", null);

        Assert.Equal(HttpStatusCode.OK, (await Client.VerifyAsync(prefix: "/ns/t1")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Client.VerifyAsync(prefix: "/ns/t2")).StatusCode);
    }

    [Fact]
    public async Task Reset_OfAnInvalidNamespace_Answers400()
    {
        var response = await Client.PostAsync("/mock/reset?namespace=no%20spaces", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["namespace"], await response.ReadErrorFieldsAsync());
    }

    private async Task<Stream> OpenStreamAsync(string path, CancellationToken cancellationToken, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>Reads <paramref name="count"/> events: blocks of "field: value" lines ended by a blank line.</summary>
    private static async Task<List<(string Event, string Id, string Data)>> ReadEventsAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(stream, Encoding.UTF8);
        var events = new List<(string, string, string)>();
        string name = "", id = "", data = "";
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException($"the stream ended after {events.Count} events");
            if (line.Length == 0)
            {
                events.Add((name, id, data));
                (name, id, data) = ("", "", "");
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line["id: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data += line["data: ".Length..];
        }
        return events;
    }
}
