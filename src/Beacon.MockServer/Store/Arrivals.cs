namespace Beacon.MockServer.Store;

/// <summary>When a capture counts for a wait: as soon as it is stored, or once its response is (status and details set).</summary>
internal enum CaptureStage
{
    Received,
    Completed,
}

/// <summary>
/// Waiting for captures that have not arrived yet: subscribe first, then count; sleep until a capture that
/// matches the subscription arrives, then count again. An arrival wakes the wait, a clock never does.
/// </summary>
internal static class Arrivals
{
    /// <summary>
    /// Waits until <paramref name="count"/> (which counts what matches now) reaches <paramref name="expected"/>.
    /// <paramref name="filter"/> says which captures can change that count, so that no other wakes the wait.
    /// </summary>
    /// <returns>The last count: at least <paramref name="expected"/>, or fewer when the timeout came first.</returns>
    /// <exception cref="OperationCanceledException">The caller went away (<paramref name="cancellationToken"/>).</exception>
    public static async Task<int> WaitForAsync(
        CaptureStore store, CaptureFilter filter, CaptureStage stage, int expected, Func<int> count,
        TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var subscription = store.Subscribe(filter, stage);
        while (true)
        {
            var matched = count();
            if (matched >= expected)
                return matched;
            try
            {
                await subscription.NextAsync(either.Token);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return count();
            }
        }
    }
}

/// <summary>A standing interest in captures: signalled by each matching arrival, consumed by <see cref="NextAsync"/>.</summary>
internal sealed class ArrivalSubscription(CaptureFilter filter, CaptureStage stage, Action<ArrivalSubscription> end) : IDisposable
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _pending;
    private bool _signalled;
    private bool _ended;

    public CaptureFilter Filter { get; } = filter;

    public CaptureStage Stage { get; } = stage;

    /// <summary>Completes at the first matching arrival since the last call (at once if there was one).</summary>
    public Task NextAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_signalled)
            {
                _signalled = false;
                return Task.CompletedTask;
            }
            _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _pending.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Called under the store's lock: completes the pending call, or, when none is pending, makes the next one return
    /// at once. Continuations run asynchronously, never under the lock.
    /// </summary>
    internal void Signal()
    {
        TaskCompletionSource? pending;
        lock (_lock)
        {
            if (_pending is null)
            {
                _signalled = true;
                return;
            }
            (pending, _pending) = (_pending, null);
        }
        pending.TrySetResult();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_ended)
                return;
            _ended = true;
        }
        end(this);
    }
}

/// <summary>
/// The subscriptions, filed under the most selective field their filter names (license, then kind, then
/// namespace), so that an append visits only those that could match it, not every waiter in the store.
/// </summary>
internal sealed class ArrivalIndex
{
    private readonly Dictionary<(CaptureStage Stage, char Field, string Value), HashSet<ArrivalSubscription>> _buckets = [];

    public int Count { get; private set; }

    public void Add(ArrivalSubscription subscription)
    {
        var key = KeyOf(subscription);
        if (!_buckets.TryGetValue(key, out var bucket))
            _buckets[key] = bucket = [];
        if (bucket.Add(subscription))
            Count++;
    }

    public void Remove(ArrivalSubscription subscription)
    {
        var key = KeyOf(subscription);
        if (!_buckets.TryGetValue(key, out var bucket) || !bucket.Remove(subscription))
            return;
        Count--;
        if (bucket.Count == 0)
            _buckets.Remove(key);
    }

    /// <summary>Signals every subscription at <paramref name="stage"/> whose filter <paramref name="capture"/> matches.</summary>
    public void Signal(ICaptureKey capture, CaptureStage stage)
    {
        if (Count == 0)
            return;
        if (capture.License is { } license)
            Signal(capture, (stage, 'l', license));
        Signal(capture, (stage, 'k', capture.Kind));
        if (capture.Namespace is { } ns)
            Signal(capture, (stage, 'n', ns));
        Signal(capture, (stage, '*', ""));
    }

    private void Signal(ICaptureKey capture, (CaptureStage, char, string) key)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
            return;
        foreach (var subscription in bucket)
        {
            if (subscription.Filter.Matches(capture))
                subscription.Signal();
        }
    }

    private static (CaptureStage, char, string) KeyOf(ArrivalSubscription subscription) => subscription.Filter switch
    {
        { License: { } license } => (subscription.Stage, 'l', license),
        { Kind: { } kind } => (subscription.Stage, 'k', kind),
        { Namespace: { } ns } => (subscription.Stage, 'n', ns),
        _ => (subscription.Stage, '*', ""),
    };
}
