using Beacon.MockServer.Store;
using Beacon.MockServer.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>Lets a test act at the moment the server starts (or stops) waiting, instead of sleeping and hoping.</summary>
internal static class Waiting
{
    /// <summary>A safety net, not a synchronisation: a test that would hang fails after this long instead.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static CaptureStore Store(this BeaconApplication app) => app.Services.GetRequiredService<CaptureStore>();

    /// <summary>
    /// For tests that send waits they do not mean to satisfy (bad-input corpora): the fake clock never moves by
    /// itself, so such a wait would last until <see cref="Bound"/>. From now on, each time the server starts
    /// waiting, the clock moves past the longest timeout a wait may have, and the wait ends at once.
    /// </summary>
    public static void EndWaitsAtOnce(this BeaconApplication app)
    {
        var store = app.Store();
        var longest = TimeSpan.FromMilliseconds(new WaitOptions().MaxTimeoutMs + 1);
        store.WaitersChanged += () =>
        {
            if (store.Stats.Waiters > 0)
                app.Clock.Advance(longest);
        };
    }

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
