using Beacon.MockServer.Configuration;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Store;

/// <summary>
/// Every capture, oldest first, bounded by count and by bytes at all times. Appends assign the sequence under
/// the same lock that orders the list, so the list is always sorted by sequence. Readers get immutable
/// records, never the live list; eviction is counted, never silent. Subscribers are signalled by the append
/// (or the completion) itself, and only those whose filter the capture matches.
/// </summary>
internal sealed class CaptureStore
{
    private readonly Lock _lock = new();
    private readonly List<CaptureEntry?> _entries = [];
    private readonly ArrivalIndex _arrivals = new();
    private readonly int _maxCount;
    private readonly long _maxBytes;
    private readonly int _maxTextBytes;
    private readonly ICaptureObserver[] _observers;
    private int _head;
    private long _lastSequence;
    private long _bytes;
    private long _evicted;
    private long _received;

    public CaptureStore(IOptions<BeaconOptions> options, IEnumerable<ICaptureObserver>? observers = null)
    {
        _maxCount = options.Value.Store.MaxCaptures;
        _maxBytes = options.Value.Store.MaxBytes;
        _maxTextBytes = options.Value.Store.MaxTextPayloadBytes;
        _observers = [.. observers ?? []];
    }

    /// <summary>Raised after a subscription starts or ends, outside the lock: lets a test act the moment someone waits.</summary>
    internal event Action? WaitersChanged;

    /// <summary>Raised after a capture's record is replaced (its status set, say), outside the lock.</summary>
    internal event Action<Capture>? Updated;

    /// <summary>Records a capture at receipt and gives it its sequence.</summary>
    public CaptureEntry Append(Capture capture)
    {
        CaptureEntry entry;
        lock (_lock)
        {
            var (record, size) = CaptureLimits.Fit(capture with { Sequence = ++_lastSequence }, _maxBytes, _maxTextBytes);
            entry = new CaptureEntry(record, size);
            _entries.Add(entry);
            _bytes += entry.Size;
            _received++;
            EvictOverCaps();
            _arrivals.Signal(record, CaptureStage.Received);
        }
        // A capture stored with its status already set (answered before it was recorded) completes here.
        if (entry.Current.Status is not null)
            Complete(entry, Observe(entry.Current));
        return entry;
    }

    /// <summary>Replaces an entry's record (status, findings, details...), keeping the byte count true and the record within the caps.</summary>
    public Capture Update(CaptureEntry entry, Func<Capture, Capture> change)
    {
        Capture updated;
        bool completed;
        lock (_lock)
        {
            completed = entry.Current.Status is null;
            (updated, var size) = CaptureLimits.Fit(change(entry.Current) with { Sequence = entry.Current.Sequence }, _maxBytes, _maxTextBytes);
            completed &= updated.Status is not null;
            if (!entry.Removed)
                _bytes += size - entry.Size;
            entry.Set(updated, size);
            if (!entry.Removed)
            {
                EvictOverCaps();
                // A capture that completes now wakes its waits once the observers have had their say, below.
                if (updated.Status is not null && !(completed && _observers.Length > 0))
                    _arrivals.Signal(updated, CaptureStage.Completed);
            }
        }
        if (completed && _observers.Length > 0)
            updated = Complete(entry, Observe(updated));
        Updated?.Invoke(updated);
        return updated;
    }

    /// <summary>What the observers answer about a capture that just completed; they run outside the lock.</summary>
    private List<Finding>? Observe(Capture completed)
    {
        List<Finding>? findings = null;
        foreach (var observer in _observers)
        {
            if (observer.Completed(completed) is { Count: > 0 } more)
                (findings ??= []).AddRange(more);
        }
        return findings;
    }

    /// <summary>Adds the observers' findings to a completed capture, then wakes the waits for completed captures.</summary>
    private Capture Complete(CaptureEntry entry, List<Finding>? findings)
    {
        lock (_lock)
        {
            var record = entry.Current;
            if (findings is not null)
            {
                (record, var size) = CaptureLimits.Fit(record.WithFindings(findings), _maxBytes, _maxTextBytes);
                if (!entry.Removed)
                    _bytes += size - entry.Size;
                entry.Set(record, size);
            }
            if (!entry.Removed)
            {
                EvictOverCaps();
                _arrivals.Signal(record, CaptureStage.Completed);
            }
            return record;
        }
    }

    /// <summary>
    /// A standing interest in the captures that match <paramref name="filter"/> as they reach <paramref name="stage"/>:
    /// taken before counting what is already there, so that nothing arriving meanwhile is missed.
    /// </summary>
    public ArrivalSubscription Subscribe(CaptureFilter filter, CaptureStage stage)
    {
        var subscription = new ArrivalSubscription(filter, stage, Unsubscribe);
        lock (_lock)
            _arrivals.Add(subscription);
        WaitersChanged?.Invoke();
        return subscription;
    }

    private void Unsubscribe(ArrivalSubscription subscription)
    {
        lock (_lock)
            _arrivals.Remove(subscription);
        WaitersChanged?.Invoke();
    }

    public Capture? Find(long sequence)
    {
        lock (_lock)
        {
            var index = IndexOf(sequence);
            return index < 0 ? null : _entries[index]!.Current;
        }
    }

    /// <summary>The matching captures after <see cref="CaptureFilter.After"/>, oldest first (or newest first), at most <paramref name="limit"/>.</summary>
    public CapturePage Query(CaptureFilter filter, int limit, bool newestFirst = false)
    {
        lock (_lock)
        {
            var items = new List<Capture>(Math.Min(limit, 64));
            var total = 0;
            var first = FirstIndexAfter(filter.After ?? 0);
            for (var n = 0; n < _entries.Count - first; n++)
            {
                var capture = _entries[newestFirst ? _entries.Count - 1 - n : first + n]!.Current;
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
                return new CaptureStoreStats(_entries.Count - _head, _bytes, _received, _evicted, _lastSequence, _arrivals.Count);
        }
    }

    private void EvictOverCaps()
    {
        // The newest capture is never evicted; CaptureLimits.Fit has made it fit the byte cap on its own.
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
