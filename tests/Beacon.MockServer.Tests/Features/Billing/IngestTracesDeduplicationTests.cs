using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Billing;

/// <summary>
/// A client retries a batch it could not confirm (num_failed_send_attempts); Beacon counts each
/// transaction id once per license, and the mock's billing view shows what was counted.
/// </summary>
public sealed class IngestTracesDeduplicationTests : HostedTest
{
    private const string Route = "/v1/beacon/ingest-traces";
    private const string SampleLicense = "<YOUR_LICENSE_KEY>";
    private const string SampleId = "af28dfea-5358-463d-a2dc-37df1da72498";
    private const string OtherId = "0b5d6f0e-8c1a-4e57-9a0f-6a0d8d2b1c3e";

    [Fact]
    public async Task IngestTraces_SampleTwice_InsertsOneThenZero()
    {
        Assert.Equal(1, await InsertedCountAsync(Sample()));
        Assert.Equal(0, await InsertedCountAsync(Sample()));
    }

    [Fact]
    public async Task IngestTraces_SampleTwice_SecondCaptureListsTheDuplicateId()
    {
        await InsertedCountAsync(Sample());
        await InsertedCountAsync(Sample());

        var captures = await Client.CapturesAsync("?kind=ingest-traces");
        Assert.Equal(2, captures.Length);
        var first = captures[0].GetProperty("details");
        Assert.Equal(1, first.GetProperty("insertedCount").GetInt32());
        Assert.Empty(first.GetProperty("duplicateIds").EnumerateArray());
        var second = captures[1].GetProperty("details");
        Assert.Equal(0, second.GetProperty("insertedCount").GetInt32());
        Assert.Equal([SampleId], second.GetProperty("duplicateIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(200, captures[1].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task IngestTraces_IdDifferingOnlyByCase_IsADuplicate()
    {
        await InsertedCountAsync(Sample());
        var retry = Sample();
        Transaction(retry)["id"] = SampleId.ToUpperInvariant();

        Assert.Equal(0, await InsertedCountAsync(retry));
        var capture = await Client.LastCaptureAsync();
        // The duplicate is reported as the client sent it.
        Assert.Equal(
            [SampleId.ToUpperInvariant()],
            capture.GetProperty("details").GetProperty("duplicateIds").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task IngestTraces_SameIdUnderAnotherLicense_IsNotADuplicate()
    {
        await InsertedCountAsync(Sample());
        var other = Sample();
        other["license"] = "lcl_another_license";

        Assert.Equal(1, await InsertedCountAsync(other));
        var view = await BillingAsync();
        Assert.Equal([SampleLicense, "lcl_another_license"], Licenses(view).Select(l => l.GetProperty("license").GetString()).Order(StringComparer.Ordinal));
        Assert.All(Licenses(view), l => Assert.Equal(1, l.GetProperty("inserted").GetInt64()));
        Assert.All(Licenses(view), l => Assert.Equal(0, l.GetProperty("duplicates").GetInt64()));
    }

    [Fact]
    public async Task IngestTraces_NewIdTwiceInOneBatch_CountsOnce()
    {
        var batch = Sample();
        batch["trace_transactions"]!.AsArray().Add(Transaction(batch).DeepClone());

        Assert.Equal(1, await InsertedCountAsync(batch));
        var details = (await Client.LastCaptureAsync()).GetProperty("details");
        Assert.Equal(1, details.GetProperty("insertedCount").GetInt32());
        Assert.Equal([SampleId], details.GetProperty("duplicateIds").EnumerateArray().Select(i => i.GetString()));
        var account = Assert.Single(Licenses(await BillingAsync()));
        Assert.Equal(1, account.GetProperty("inserted").GetInt64());
        Assert.Equal(1, account.GetProperty("duplicates").GetInt64());
        Assert.Equal(5, account.GetProperty("totalTraceCount").GetInt64());
    }

    [Fact]
    public async Task IngestTraces_PartlyRetriedBatch_InsertsOnlyTheNewIds()
    {
        await InsertedCountAsync(Sample());
        var batch = Sample();
        var fresh = Transaction(batch).DeepClone().AsObject();
        fresh["id"] = OtherId;
        batch["trace_transactions"]!.AsArray().Add(fresh);

        Assert.Equal(1, await InsertedCountAsync(batch));
        var details = (await Client.LastCaptureAsync()).GetProperty("details");
        Assert.Equal([SampleId], details.GetProperty("duplicateIds").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task BillingTransactions_ShowsInsertedDuplicatesTotalAndTheCapturingSequence()
    {
        await InsertedCountAsync(Sample());
        // A retry of the same id with another count is not counted again, its count neither.
        var retry = Sample();
        Transaction(retry)["trace_count"] = 100;
        await InsertedCountAsync(retry);
        var second = Sample();
        Transaction(second)["id"] = OtherId;
        Transaction(second)["trace_count"] = 7;
        await InsertedCountAsync(second);
        var elsewhere = Sample();
        elsewhere["license"] = "lcl_not_asked_for";
        await InsertedCountAsync(elsewhere);

        var view = await BillingAsync(SampleLicense);

        var account = Assert.Single(Licenses(view));
        Assert.Equal(SampleLicense, account.GetProperty("license").GetString());
        Assert.Equal(2, account.GetProperty("inserted").GetInt64());
        Assert.Equal(1, account.GetProperty("duplicates").GetInt64());
        Assert.Equal(5 + 7, account.GetProperty("totalTraceCount").GetInt64());
        var sequences = (await Client.CapturesAsync("?kind=ingest-traces")).Select(c => c.GetProperty("sequence").GetInt64()).ToArray();
        var transactions = account.GetProperty("transactions").EnumerateArray().ToArray();
        Assert.Equal([sequences[0], sequences[2]], transactions.Select(t => t.GetProperty("sequence").GetInt64()));
        Assert.Equal([SampleId, OtherId], transactions.Select(t => t.GetProperty("transaction").GetProperty("id").GetString()));
        Assert.Equal([5L, 7L], transactions.Select(t => t.GetProperty("transaction").GetProperty("trace_count").GetInt64()));
    }

    [Fact]
    public async Task DeleteCaptures_ClearsTheLedger_SoTheSampleCountsAgain()
    {
        await InsertedCountAsync(Sample());

        var delete = await Client.DeleteAsync("/mock/captures");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(Licenses(await BillingAsync()));
        Assert.Equal(1, await InsertedCountAsync(Sample()));
    }

    [Fact]
    public async Task DeleteCapturesOfAnotherKind_KeepsTheLedger()
    {
        await InsertedCountAsync(Sample());

        var delete = await Client.DeleteAsync("/mock/captures?kind=verify");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Single(Licenses(await BillingAsync()));
        Assert.Equal(0, await InsertedCountAsync(Sample()));
    }

    private static JsonNode Sample() => Validation.SampleObject("ingest-traces-request");

    private static JsonObject Transaction(JsonNode body) => body["trace_transactions"]![0]!.AsObject();

    private async Task<int> InsertedCountAsync(JsonNode body)
    {
        var response = await Client.PostJsonAsync(Route, body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        Assert.Equal(["inserted_count"], answer.EnumerateObject().Select(p => p.Name));
        return answer.GetProperty("inserted_count").GetInt32();
    }

    private Task<JsonElement> BillingAsync(string? license = null) =>
        Client.GetFromJsonAsync<JsonElement>(
            license is null ? "/mock/billing/transactions" : $"/mock/billing/transactions?license={Uri.EscapeDataString(license)}");

    private static JsonElement[] Licenses(JsonElement view) => [.. view.GetProperty("items").EnumerateArray()];
}
