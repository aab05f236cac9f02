using Beacon.MockServer.Configuration;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Capture;

/// <summary>
/// Every capture, oldest first, bounded by count and by bytes. Appends assign the sequence under the
/// same lock that orders the list, so the list is always sorted by sequence. Readers get copies of
/// immutable records, never the live list; eviction is counted, never silent. Waiters are woken by
/// the append itself, never by polling.
/// </summary>
public sealed class CaptureStore
{
    private readonly Lock _lock = new();
    private readonly List<CaptureEntry?> _entries = [];
    private readonly HashSet<TaskCompletionSource> _waiters = [];
    private readonly int _maxCount;
    private readonly long _maxBytes;
    private int _head;
    private long _lastSequence;
    private long _bytes;
    private long _evicted;
    private long _received;

    public CaptureStore(IOptions<BeaconOptions> options)
    {
        _maxCount = options.Value.Store.MaxCaptures;
        _maxBytes = options.Value.Store.MaxBytes;
    }

    /// <summary>Records a capture at receipt and gives it its sequence.</summary>
    public CaptureEntry Append(Capture capture)
    {
        lock (_lock)
        {
            var entry = new CaptureEntry(capture with { Sequence = ++_lastSequence });
            _entries.Add(entry);
            _bytes += entry.Size;
            _received++;
            EvictOverCaps();
            WakeWaiters();
            return entry;
        }
    }

    /// <summary>
    /// Completes once a capture with a sequence greater than <paramref name="sequence"/> has been appended:
    /// at once if one already has. Cancelling releases the waiter (a client that went away holds nothing).
    /// </summary>
    public async Task WaitForAppendAfterAsync(long sequence, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_lastSequence > sequence)
                return;
            _waiters.Add(waiter);
        }
        WaitersChanged?.Invoke();
        await using var release = cancellationToken.Register(() =>
        {
            lock (_lock)
                _waiters.Remove(waiter);
            waiter.TrySetCanceled(cancellationToken);
            WaitersChanged?.Invoke();
        });
        await waiter.Task;
    }

    /// <summary>
    /// Raised after a waiter registers or is released by cancellation, outside the lock. Lets a test act at
    /// the moment someone starts (or stops) waiting, instead of sleeping and hoping.
    /// </summary>
    internal event Action? WaitersChanged;

    /// <summary>Replaces an entry's record (status, findings, payload...), keeping the byte count true.</summary>
    public Capture Update(CaptureEntry entry, Func<Capture, Capture> change)
    {
        Capture updated;
        lock (_lock)
        {
            updated = change(entry.Current) with { Sequence = entry.Current.Sequence };
            var size = updated.RetainedBytes;
            if (!entry.Removed)
                _bytes += size - entry.Size;
            entry.Set(updated, size);
            if (!entry.Removed)
                EvictOverCaps();
        }
        Updated?.Invoke(updated);
        return updated;
    }

    /// <summary>Raised after a capture's record is replaced (its status set, say), outside the lock; lets a test act on it without polling.</summary>
    internal event Action<Capture>? Updated;

    public Capture? Find(long sequence)
    {
        lock (_lock)
        {
            var index = IndexOf(sequence);
            return index < 0 ? null : _entries[index]!.Current;
        }
    }

    /// <summary>The matching captures after <see cref="CaptureFilter.After"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public CapturePage Query(CaptureFilter filter, int limit)
    {
        lock (_lock)
        {
            var items = new List<Capture>(Math.Min(limit, 64));
            var total = 0;
            for (var i = FirstIndexAfter(filter.After ?? 0); i < _entries.Count; i++)
            {
                var capture = _entries[i]!.Current;
                if (!filter.Matches(capture))
                    continue;
                total++;
                if (items.Count < limit)
                    items.Add(capture);
            }
            return new CapturePage(items, total, _lastSequence, _evicted);
        }
    }

    /// <summary>Removes the captures that match; returns how many. Removal is not eviction and is not counted as such.</summary>
    public int Remove(CaptureFilter filter)
    {
        lock (_lock)
        {
            var kept = new List<CaptureEntry?>(_entries.Count - _head);
            var removed = 0;
            for (var i = _head; i < _entries.Count; i++)
            {
                var entry = _entries[i]!;
                if (filter.Matches(entry.Current))
                {
                    entry.Removed = true;
                    _bytes -= entry.Size;
                    removed++;
                }
                else
                {
                    kept.Add(entry);
                }
            }
            _entries.Clear();
            _entries.AddRange(kept);
            _head = 0;
            return removed;
        }
    }

    public CaptureStoreStats Stats
    {
        get
        {
            lock (_lock)
                return new CaptureStoreStats(_entries.Count - _head, _bytes, _received, _evicted, _lastSequence, _waiters.Count);
        }
    }

    private void WakeWaiters()
    {
        if (_waiters.Count == 0)
            return;
        // Continuations run asynchronously, so waking never runs a waiter's code under the lock.
        foreach (var waiter in _waiters)
            waiter.TrySetResult();
        _waiters.Clear();
    }

    private void EvictOverCaps()
    {
        // Never evict the newest capture: a single request larger than the byte cap is still kept.
        while (_entries.Count - _head > 1 && (_entries.Count - _head > _maxCount || _bytes > _maxBytes))
        {
            var oldest = _entries[_head]!;
            _entries[_head++] = null;
            oldest.Removed = true;
            _bytes -= oldest.Size;
            _evicted++;
        }

        // Compact once the evicted prefix is half the list, so eviction stays amortized O(1).
        if (_head > 1024 && _head * 2 > _entries.Count)
        {
            _entries.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private int IndexOf(long sequence)
    {
        var index = FirstIndexAfter(sequence - 1);
        return index < _entries.Count && _entries[index]!.Current.Sequence == sequence ? index : -1;
    }

    /// <summary>Binary search for the first live entry whose sequence is greater than <paramref name="sequence"/>.</summary>
    private int FirstIndexAfter(long sequence)
    {
        int low = _head, high = _entries.Count;
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (_entries[mid]!.Current.Sequence <= sequence)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}

/// <summary>A slot in the store. Writers swap its record under the store's lock; readers take the record as it is.</summary>
public sealed class CaptureEntry
{
    private volatile Capture _current;

    internal CaptureEntry(Capture capture)
    {
        _current = capture;
        Size = capture.RetainedBytes;
    }

    public Capture Current => _current;

    public long Sequence => _current.Sequence;

    internal long Size { get; private set; }

    /// <summary>True once evicted or deleted: later updates no longer count against the caps.</summary>
    internal bool Removed { get; set; }

    internal void Set(Capture capture, long size)
    {
        _current = capture;
        Size = size;
    }
}

/// <summary>Which captures a query means; null fields match everything.</summary>
public sealed record CaptureFilter(string? Kind = null, string? License = null, long? After = null, string? Namespace = null)
{
    public bool Matches(Capture capture) =>
        (Kind is null || string.Equals(capture.Kind, Kind, StringComparison.Ordinal))
        && (License is null || string.Equals(capture.License, License, StringComparison.Ordinal))
        && (Namespace is null || string.Equals(capture.Namespace, Namespace, StringComparison.Ordinal))
        && (After is null || capture.Sequence > After);
}

public sealed record CapturePage(IReadOnlyList<Capture> Items, int Total, long LastSequence, long Evicted);

/// <summary>Counters that let a test check that nothing was lost: captured + evicted + deleted = received.</summary>
/// <param name="Waiters">Requests waiting for an arrival right now (waits and streams).</param>
public sealed record CaptureStoreStats(int Count, long Bytes, long Received, long Evicted, long LastSequence, int Waiters);
