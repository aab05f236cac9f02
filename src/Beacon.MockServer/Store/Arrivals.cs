namespace Beacon.MockServer.Capture;

/// <summary>
/// Waiting for captures that have not arrived yet. Each round counts only what arrived since the last
/// one, then sleeps on the store's append signal: an arrival wakes the wait, a clock never does, so it
/// answers as soon as the capture that satisfies it is stored.
/// </summary>
public static class Arrivals
{
    /// <summary>
    /// Waits until <paramref name="countAfter"/> has found at least <paramref name="count"/> items, counting
    /// from sequence <paramref name="after"/>. <paramref name="countAfter"/> gets the sequence to count after
    /// and returns how many matching items arrived since, and the newest sequence it looked at.
    /// </summary>
    /// <returns>How many matched: at least <paramref name="count"/>, or fewer when the timeout came first.</returns>
    /// <exception cref="OperationCanceledException">The caller went away (<paramref name="cancellationToken"/>).</exception>
    public static async Task<int> WaitForAsync(
        CaptureStore store, long after, int count, Func<long, (int Matched, long LastSequence)> countAfter,
        TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var matched = 0;
        var scanned = after;
        while (true)
        {
            var (found, last) = countAfter(scanned);
            matched += found;
            scanned = Math.Max(scanned, last);
            if (matched >= count)
                return matched;
            try
            {
                await store.WaitForAppendAfterAsync(scanned, either.Token);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return matched;
            }
        }
    }
}
