using System.Net;
using Beacon.MockServer.Client;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Client;

public sealed class CaptureClientTests(SharedMock shared) : IClassFixture<SharedMock>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task GetCaptures_ReadsEveryFieldAndTheVerifyPayloadTyped()
    {
        var mock = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_typed");

        var list = await mock.GetCapturesAsync();

        var capture = Assert.Single(list.Items);
        Assert.Equal(1, list.Total);
        Assert.Equal(capture.Sequence, list.LastSequence);
        Assert.Equal((CaptureKind.Verify, "POST", "/v1/beacon/verify", mock.Namespace, 200), (capture.Kind, capture.Method, capture.Path, capture.Namespace, capture.Status));
        Assert.Equal("lcl_typed", capture.License);
        Assert.Equal("application/json; charset=utf-8", capture.Headers["content-type"]);
        Assert.Equal(("json", capture.BodyBytes), (capture.Encoding, capture.DecodedBytes));
        var verify = capture.As<VerifyCapture>();
        Assert.Equal("lcl_typed", verify.Payload?.License);
        Assert.StartsWith("license-", verify.Details?.Subject);
        Assert.NotNull(verify.Details?.TokenId);
        Assert.True(verify.Details?.ExpiresAt > capture.ReceivedAt);
        Assert.Throws<InvalidOperationException>(() => capture.As<IngestTracesCapture>());
    }

    [Fact]
    public async Task IngestCapture_HasItsTraceTransactionsTyped()
    {
        var mock = shared.NewNamespace();
        var sample = Wire.Sample("ingest-traces-request");
        await shared.PostAsync(mock, "/v1/beacon/ingest-traces", sample);
        await shared.PostAsync(mock, "/v1/beacon/ingest-traces", sample);

        var ingests = await mock.WaitForCapturesAsync<IngestTracesCapture>(new() { Count = 2, Timeout = Soon });

        var transaction = Assert.Single(ingests.Items[0].Payload!.TraceTransactions!);
        Assert.Equal(
            ("af28dfea-5358-463d-a2dc-37df1da72498", "3a1c2b6f-4430-4b92-8a5b-79b8b567bbc1", "b26ae531-cdb3-42a5-8bcf-05355199fe27", 5L),
            (transaction.Id, transaction.TenantId, transaction.SessionId, transaction.TraceCount));
        Assert.Equal(("2025-01-06T10:00:00Z", "2025-01-06T11:00:00Z", "2025-01-06T09:00:00Z", "2025-01-06T10:00:00Z"),
            (transaction.StartInsertionTime, transaction.EndInsertionTime, transaction.StartIntervalTime, transaction.EndIntervalTime));
        Assert.Equal(("completed", 0L, "type1", "c5b5f53a-4716-4326-8967-d4f7f7799735"),
            (transaction.Status, transaction.NumFailedSendAttempts, transaction.TransactionType, transaction.OrganizationId));
        Assert.Equal((1, 0), (ingests.Items[0].Details?.InsertedCount, ingests.Items[0].Details?.DuplicateIds.Count));
        Assert.Equal((0, transaction.Id), (ingests.Items[1].Details?.InsertedCount, Assert.Single(ingests.Items[1].Details!.DuplicateIds)));
    }

    [Fact]
    public async Task UnreadableBody_KeepsItsTextAndNoTypedPayload()
    {
        var mock = shared.NewNamespace();
        await shared.PostAsync(mock, "/v1/beacon/verify", "not json");

        var capture = (await mock.WaitForCapturesAsync(new() { Kind = CaptureKind.Verify, Timeout = Soon })).Items[0];

        Assert.Equal((400, "not json"), (capture.Status, capture.PayloadText));
        Assert.Null(capture.Payload);
        Assert.Null(capture.As<VerifyCapture>().Payload);
    }

    [Fact]
    public async Task GetCapture_BySequence_AndA404ProblemForOneThatIsGone()
    {
        var mock = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_one");
        var sequence = (await mock.GetCapturesAsync()).Items[0].Sequence;

        Assert.Equal("lcl_one", (await mock.GetCaptureAsync(sequence)).License);
        var missing = await Assert.ThrowsAsync<BeaconMockException>(() => mock.GetCaptureAsync(long.MaxValue));
        Assert.Equal((HttpStatusCode.NotFound, "No such capture."), (missing.Status, missing.Title));
        Assert.Contains("never assigned", missing.Detail);
    }

    [Fact]
    public async Task Wait_AnswersOnceCountArrived_NewestFirstWhenAsked()
    {
        var mock = shared.NewNamespace();
        var waiting = mock.WaitForCapturesAsync(new() { Kind = CaptureKind.Verify, Order = ListOrder.NewestFirst, Count = 2, Timeout = Soon });
        await shared.VerifyAsync(mock, "lcl_first");
        await shared.VerifyAsync(mock, "lcl_second");

        var list = await waiting;

        Assert.Equal(["lcl_second", "lcl_first"], list.Items.Select(c => c.License));
    }

    [Fact]
    public async Task Wait_ThatTimesOut_ThrowsWithExpectedMatchedAndLastSequence()
    {
        var mock = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_only");

        var timeout = await Assert.ThrowsAsync<BeaconMockWaitTimeoutException>(() =>
            mock.WaitForCapturesAsync(new() { Kind = CaptureKind.Verify, Count = 2, Timeout = TimeSpan.FromMilliseconds(50), Stage = CaptureStage.Received }));

        Assert.Equal((HttpStatusCode.RequestTimeout, 2, 1), (timeout.Status, timeout.Expected, timeout.Matched));
        Assert.True(timeout.LastSequence >= 1);
        Assert.Equal("The wait timed out.", timeout.Title);
    }

    [Fact]
    public async Task ValidationProblem_CarriesTitleDetailAndErrorsByField()
    {
        var error = await Assert.ThrowsAsync<BeaconMockException>(() => shared.Mock.Client.GetCapturesAsync(new() { Limit = 0 }));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("The request is not valid.", error.Title);
        Assert.Contains("limit", error.Detail);
        Assert.Equal(["must be between 1 and 1000 (was 0)"], error.Errors["limit"]);
        Assert.True(error.Extensions.ContainsKey("traceId"));
    }

    [Fact]
    public async Task Stream_YieldsStoredCapturesThenArrivals_AndResumesAfterTheLastSeen()
    {
        var mock = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_stored");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<CapturedRequest>();

        await foreach (var capture in mock.StreamCapturesAsync(new() { Kind = CaptureKind.Verify }, cancel.Token))
        {
            seen.Add(capture);
            if (seen.Count == 1)
                await shared.VerifyAsync(mock, "lcl_arrived");
            else
                break;
        }
        var resumed = mock.StreamCapturesAsync(new() { After = seen[0].Sequence }, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await resumed.MoveNextAsync());
        var next = resumed.Current;
        await resumed.DisposeAsync();

        Assert.Equal(["lcl_stored", "lcl_arrived"], seen.Select(c => c.License));
        Assert.Equal(seen[1].Sequence, next.Sequence);
    }

    [Fact]
    public async Task Stream_EndsWithCancellation_WhenTheTokenIsCancelled()
    {
        var mock = shared.NewNamespace();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in mock.StreamCapturesAsync(cancellationToken: cancel.Token))
                Assert.Fail("Nothing was sent in this namespace.");
        });
    }

    [Fact]
    public async Task Export_ReadsEveryMatchingCaptureFromNdjson()
    {
        var mock = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_a");
        await shared.PostAsync(mock, "/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await shared.VerifyAsync(mock, "lcl_b");

        var verifies = await mock.ExportCapturesAsync(new() { Kind = CaptureKind.Verify }).ToListAsync();
        var all = await mock.ExportCapturesAsync().ToListAsync();

        Assert.Equal(["lcl_a", "lcl_b"], verifies.Select(c => c.License));
        Assert.Equal(3, all.Count);
        Assert.Equal(all.Select(c => c.Sequence).Order(), all.Select(c => c.Sequence));
    }

    [Fact]
    public async Task DeleteCaptures_OfOneKind_LeavesTheOthers()
    {
        var mock = shared.NewNamespace();
        await shared.VerifyAsync(mock, "lcl_gone");
        await shared.PostAsync(mock, "/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));

        await mock.DeleteCapturesAsync(CaptureKind.Verify);

        Assert.Equal([CaptureKind.IngestTraces], (await mock.GetCapturesAsync()).Items.Select(c => c.Kind));
    }
}
