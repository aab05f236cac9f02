using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>Many clients at once against one app: every ingested transaction billed once. (Capture under load: Reliability/ConcurrencyTests.)</summary>
public sealed class ParallelCaptureTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:Store:MaxCaptures"] = "5000" })
{
    private const int Clients = 32;
    private const int RequestsPerClient = 50;
    private const int Requests = Clients * RequestsPerClient;

    private static readonly string[] Kinds = ["verify", "ingest-traces", "usage-snapshot", "metadata"];

    [Fact]
    public async Task ThirtyTwoClientsAtOnce_BillEveryIngestedTransactionOnce()
    {
        var clients = Enumerable.Range(0, Clients).Select(_ => App.CreateBeaconClient()).ToArray();

        var sent = (await Task.WhenAll(clients.Select(SendAllAsync))).SelectMany(s => s).ToArray();

        var ingested = sent.Where(s => s.Kind == "ingest-traces").ToDictionary(s => s.License);
        Assert.Equal(Requests / Kinds.Length, ingested.Count);
        var billing = await clients[0].GetFromJsonAsync<JsonElement>("/mock/billing/transactions");
        var accounts = billing.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(ingested.Count, accounts.Sum(a => a.GetProperty("inserted").GetInt64()));
        Assert.Equal(ingested.Keys.Order(StringComparer.Ordinal), accounts.Select(a => a.GetProperty("license").GetString()!));
        Assert.All(accounts, a =>
        {
            var transaction = Assert.Single(a.GetProperty("transactions").EnumerateArray()).GetProperty("transaction");
            Assert.Equal(ingested[a.GetProperty("license").GetString()!].TransactionId, transaction.GetProperty("id").GetString());
            Assert.Equal(0, a.GetProperty("duplicates").GetInt64());
        });
    }

    /// <summary>One client's 50 requests, one after another, each kind in turn, each with a license of its own.</summary>
    private static async Task<Sent[]> SendAllAsync(HttpClient client, int clientIndex)
    {
        var sent = new Sent[RequestsPerClient];
        for (var i = 0; i < RequestsPerClient; i++)
        {
            var kind = Kinds[(clientIndex + i) % Kinds.Length];
            var license = $"lic-{clientIndex:D2}-{i:D2}";
            var transactionId = Guid.NewGuid().ToString();
            var (path, body) = Request(kind, license, transactionId);
            using var response = await client.PostJsonAsync(path, body);
            sent[i] = new Sent(kind, license, (int)response.StatusCode, transactionId);
        }
        return sent;
    }

    /// <summary>The documented sample of <paramref name="kind"/>, tagged with the request's own license (and transaction id).</summary>
    private static (string Path, string Body) Request(string kind, string license, string transactionId)
    {
        var (path, sample, placeholder) = kind switch
        {
            "verify" => ("/v1/beacon/verify", "verify-request", "<YOUR_LICENSE_KEY>"),
            "ingest-traces" => ("/v1/beacon/ingest-traces", "ingest-traces-request", "<YOUR_LICENSE_KEY>"),
            "usage-snapshot" => ("/v1/beacon/usage-snapshot", "usage-snapshot-request", "<YOUR_LICENSE_KEY>"),
            _ => ("/v1/beacon/metadata/submit", "metadata-submit-request", "lcl_<YOUR_LICENSE_KEY>"),
        };
        var body = Wire.Sample(sample);
        Assert.Contains(placeholder, body);
        body = body.Replace(placeholder, license).Replace("af28dfea-5358-463d-a2dc-37df1da72498", transactionId);
        return (path, body);
    }

    /// <summary>Every capture, read page by page with <c>after</c>.</summary>
    private sealed record Sent(string Kind, string License, int Status, string TransactionId);
}
