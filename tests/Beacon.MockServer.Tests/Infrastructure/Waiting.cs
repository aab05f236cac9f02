using Beacon.MockServer.Capture;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>Lets a test act at the moment the server starts (or stops) waiting, instead of sleeping and hoping.</summary>
public static class Waiting
{
    /// <summary>A safety net, not a synchronisation: a test that would hang fails after this long instead.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static CaptureStore Store(this BeaconApplication app) => app.Services.GetRequiredService<CaptureStore>();

    /// <summary>Completes once the store's number of waiters satisfies <paramref name="condition"/> (at once if it does now).</summary>
    public static async Task WhenWaitersAsync(this CaptureStore store, Func<int, bool> condition)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition(store.Stats.Waiters))
                reached.TrySetResult();
        }

        store.WaitersChanged += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(Bound);
        }
        finally
        {
            store.WaitersChanged -= Check;
        }
    }
}
