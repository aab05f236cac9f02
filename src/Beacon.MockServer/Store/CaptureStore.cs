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
    private int _head;
    private long _lastSequence;
    private long _bytes;
    private long _evicted;
    private long _received;

    public CaptureStore(IOptions<BeaconOptions> options)
    {
        _maxCount = options.Value.Store.MaxCaptures;
        _maxBytes = options.Value.Store.MaxBytes;
        _maxTextBytes = options.Value.Store.MaxTextPayloadBytes;
    }

    /// <summary>Raised after a subscription starts or ends, outside the lock: lets a test act the moment someone waits.</summary>
    internal event Action? WaitersChanged;

    /// <summary>
    /// Raised after a capture is replaced (its status set, say), outside the lock, with the whole capture: built only
    /// when someone listens.
    /// </summary>
    internal event Action<Capture>? Updated;

    /// <summary>The finding of a capture whose body the process had no memory to keep.</summary>
    public static readonly Finding NotKept = new("$", "the body was not kept: the mock ran out of memory storing it");

    /// <summary>A stored capture read back without its body (which cannot be afforded now), saying so.</summary>
    private static Capture WithoutBody(StoredCapture stored) => CaptureCodec.Decode(stored, payload: false).WithFindings([NotKept]);

    /// <summary>Records a capture at receipt and gives it its sequence.</summary>
    public CaptureEntry Append(Capture capture)
    {
        // Written to its compact form outside the lock; numbered, and made to fit, under it.
        StoredCapture stored;
        try
        {
            stored = CaptureCodec.Encode(capture, 0);
        }
        catch (OutOfMemoryException)
        {
            // The process cannot hold another copy of this body now (a heap cap, many large bodies at once): the request
            // is still captured, without its body, and says so.
            capture = (capture with { Payload = null }).WithFindings([NotKept]);
            stored = CaptureCodec.Encode(capture, 0);
        }
        lock (_lock)
        {
            stored.Sequence = ++_lastSequence;
            stored = CaptureLimits.Fit(stored, capture with { Sequence = stored.Sequence }, _maxBytes, _maxTextBytes);
            var entry = new CaptureEntry(stored);
            _entries.Add(entry);
            _bytes += entry.Size;
            _received++;
            EvictOverCaps();
            _arrivals.Signal(stored, CaptureStage.Received);
            return entry;
        }
    }

    /// <summary>Replaces an entry's capture (status, findings, details...), keeping the byte count true and the capture within the caps.</summary>
    public Capture Update(CaptureEntry entry, Func<Capture, Capture> change)
    {
        Capture updated;
        lock (_lock)
        {
            try
            {
                updated = change(entry.Current) with { Sequence = entry.Sequence };
                Replace(entry, CaptureLimits.Fit(updated, _maxBytes, _maxTextBytes));
            }
            catch (OutOfMemoryException)
            {
                // Reading the body back to change the capture cannot be afforded now: the change is made without it.
                updated = change(WithoutBody(entry.Stored)) with { Sequence = entry.Sequence };
                Replace(entry, CaptureLimits.Fit(updated, _maxBytes, _maxTextBytes));
            }
        }
        Updated?.Invoke(updated);
        return updated;
    }

    /// <summary>
    /// Completes an entry as its answer is done: the status, the handler's details (null keeps those there), the answer
    /// and the findings it adds. What was received is copied as it is, never read back.
    /// </summary>
    public void Complete(CaptureEntry entry, int status, RawJson? details, CaptureResponse response, IReadOnlyList<Finding> findings)
    {
        StoredCapture stored;
        lock (_lock)
        {
            try
            {
                stored = CaptureCodec.Complete(entry.Stored, status, details, response, findings);
                if (stored.Size > _maxBytes)
                    stored = CaptureLimits.Fit(stored, CaptureCodec.Decode(stored), _maxBytes, _maxTextBytes);
            }
            catch (OutOfMemoryException)
            {
                // No memory for another copy of the body now: the capture is completed without it, and says so.
                var bare = WithoutBody(entry.Stored);
                var completed = (bare with { Status = status, Details = details ?? bare.Details, Response = response with { Body = null } })
                    .WithFindings(findings);
                stored = CaptureCodec.Encode(completed, entry.Sequence);
            }
            Replace(entry, stored);
        }
        if (Updated is { } updated)
            updated(CaptureCodec.Decode(stored));
    }

    /// <summary>Under the lock: swaps the entry's stored capture, counts its bytes, and wakes what waits for its completion.</summary>
    private void Replace(CaptureEntry entry, StoredCapture stored)
    {
        if (!entry.Removed)
            _bytes += stored.Size - entry.Size;
        entry.Set(stored);
        if (entry.Removed)
            return;
        EvictOverCaps();
        if (stored.Status is not null)
            _arrivals.Signal(stored, CaptureStage.Completed);
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
        StoredCapture? stored;
        lock (_lock)
        {
            var index = IndexOf(sequence);
            stored = index < 0 ? null : _entries[index]!.Stored;
        }
        return stored is null ? null : CaptureCodec.Decode(stored);
    }

    /// <summary>The matching captures after <see cref="CaptureFilter.After"/>, oldest first (or newest first), at most <paramref name="limit"/>.</summary>
    public CapturePage Query(CaptureFilter filter, int limit, bool newestFirst = false)
    {
        var (matching, total, lastSequence, evicted) = Select(filter, limit, newestFirst);
        // Built outside the lock: what a reader gets is the captures as they were when it asked.
        return new CapturePage([.. matching.Select(stored => CaptureCodec.Decode(stored))], total, lastSequence, evicted);
    }

    /// <summary>
    /// The matching captures as stored, oldest first (or newest first), every one of them: for a reader that goes
    /// through their bytes itself (a view of OTLP items) without building each capture.
    /// </summary>
    public (IReadOnlyList<StoredCapture> Items, long LastSequence) Scan(CaptureFilter filter, bool newestFirst = false)
    {
        var (matching, _, lastSequence, _) = Select(filter, int.MaxValue, newestFirst);
        return (matching, lastSequence);
    }

    private (List<StoredCapture> Matching, int Total, long LastSequence, long Evicted) Select(CaptureFilter filter, int limit, bool newestFirst)
    {
        lock (_lock)
        {
            var items = new List<StoredCapture>(Math.Min(limit, 64));
            var total = 0;
            var first = FirstIndexAfter(filter.After ?? 0);
            for (var n = 0; n < _entries.Count - first; n++)
            {
                var stored = _entries[newestFirst ? _entries.Count - 1 - n : first + n]!.Stored;
                if (!filter.Matches(stored))
                    continue;
                total++;
                if (items.Count < limit)
                    items.Add(stored);
            }
            return (items, total, _lastSequence, _evicted);
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
                if (filter.Matches(entry.Stored))
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
        return index < _entries.Count && _entries[index]!.Sequence == sequence ? index : -1;
    }

    /// <summary>Binary search for the first live entry whose sequence is greater than <paramref name="sequence"/>.</summary>
    private int FirstIndexAfter(long sequence)
    {
        int low = _head, high = _entries.Count;
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (_entries[mid]!.Sequence <= sequence)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
