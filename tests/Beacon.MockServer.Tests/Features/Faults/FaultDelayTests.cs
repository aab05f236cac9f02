using System.Net;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>
/// A delay waits on the server's clock, so a test moves a fake clock rather than sleeping; and the request is
/// captured, with its rule, the moment it arrives, not when the delay ends.
/// </summary>
public sealed class FaultDelayTests : HostedTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource<FaultRule> _delaying = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FaultDelayTests()
    {
        // The injector says when a delay's timer is on the clock: only then does moving the clock release it.
        App.Services.GetRequiredService<FaultHook>().Delaying += rule => _delaying.TrySetResult(rule);
    }

    [Fact]
    public async Task Delay_HoldsTheRequestUntilTheClockPassesIt_WhileItsCaptureIsAlreadyQueryable()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "delayMs": 5000}""");

        var pending = Client.VerifyAsync();
        await _delaying.Task.WaitAsync(Bound);

        var capture = Assert.Single(await Client.CapturesAsync("?kind=verify"));
        Assert.Equal(1L, capture.FaultId());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, capture.GetProperty("status").ValueKind);

        App.Clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(pending.IsCompleted);

        App.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var response = await pending.WaitAsync(Bound);

        // After the delay, the route answers as it would have.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (await Client.LastCaptureAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DelayWithStatus_AnswersTheFaultOnlyOnceTheDelayIsOver()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "traces"}, "delayMs": 30000, "status": 503, "retryAfter": 2}""");

        var pending = Client.PostProtobufAsync(Infrastructure.Otlp.Traces, Otlp.OtlpMessages.Traces());
        await _delaying.Task.WaitAsync(Bound);
        Assert.False(pending.IsCompleted);

        // Waiters that ask for arrivals see the export at once, with its spans, while its own answer is still held back.
        var spans = await Client.GetAsync("/mock/otlp/spans/wait?count=2&timeoutMs=0&stage=received");
        Assert.Equal(HttpStatusCode.OK, spans.StatusCode);
        Assert.False(pending.IsCompleted);

        App.Clock.Advance(TimeSpan.FromSeconds(30));
        var response = await pending.WaitAsync(Bound);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal(14, (await response.ReadStatusAsync(Infrastructure.Otlp.Protobuf)).Code);
    }

    [Fact]
    public async Task ClientThatLeavesDuringADelay_IsRecordedAs499_AndTheServerGoesOn()
    {
        await Client.AddFaultAsync("""{"match": {"kind": "verify"}, "delayMs": 60000}""");
        var finished = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        App.Store().Updated += capture =>
        {
            if (capture is { Kind: "verify", Status: { } status })
                finished.TrySetResult(status);
        };
        using var leave = new CancellationTokenSource();

        var pending = Client.PostAsync(FaultApi.Verify, Wire.Json("""{"license":"lcl_leaves"}"""), leave.Token);
        await _delaying.Task.WaitAsync(Bound);
        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(FaultHook.ClientClosedStatus, await finished.Task.WaitAsync(Bound));
        Assert.Equal(499, Assert.Single(await Client.CapturesAsync("?kind=verify")).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
    }
}
