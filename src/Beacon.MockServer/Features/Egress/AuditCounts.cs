namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// The counts and times of one audit state, kept once per thread that audits it (a ledger each) and added up when read.
/// Every request of a namespace counts its endpoint, its fields and its names; had they one count each, two cores
/// auditing at once would pass each count's cache line to and fro, and an atomic write on every one of them costs more
/// than the audit. A ledger has one writer, its thread, so a count is a plain write to memory no other core writes.
/// </summary>
/// <remarks>
/// A slot is a number a tally reserves (<see cref="Reserve"/>), the same in every ledger. A
/// ledger grows by copying, which only its own thread does. The ledgers of threads that have ended are folded into one
/// when a thread makes its ledger, so there are never many more than there are threads. Readers (<see cref="Value"/>)
/// take the lock, as folding does; a writer never does, after its first count.
/// </remarks>
internal sealed class AuditCounts
{
    [ThreadStatic]
    private static AuditCounts? t_counts;

    [ThreadStatic]
    private static Ledger? t_ledger;

    private readonly Lock _lock = new();
    private readonly Ledger _ended = new(null);
    private readonly List<SlotKind> _kinds = [];
    private Ledger[] _ledgers = [];

    /// <summary>Reserves a slot for each of <paramref name="kinds"/> and answers the first.</summary>
    public int Reserve(params ReadOnlySpan<SlotKind> kinds)
    {
        lock (_lock)
        {
            var first = _kinds.Count;
            _kinds.AddRange(kinds);
            return first;
        }
    }

    /// <summary>How many ledgers are held: one per thread that has counted here and is alive, and one for those that ended.</summary>
    internal int Ledgers
    {
        get
        {
            lock (_lock)
                return _ledgers.Length;
        }
    }

    /// <summary>Adds one to a slot; answers this thread's count after it.</summary>
    public long Add(int slot) => ++Mine().Slot(slot);

    /// <summary>Keeps <paramref name="value"/> in the slot if it is the least this thread has seen (0 is none yet).</summary>
    public void KeepLeast(int slot, long value)
    {
        ref var held = ref Mine().Slot(slot);
        if (held == 0 || value < held)
            held = value;
    }

    /// <summary>Keeps <paramref name="value"/> in the slot if it is the greatest this thread has seen.</summary>
    public void KeepGreatest(int slot, long value)
    {
        ref var held = ref Mine().Slot(slot);
        if (value > held)
            held = value;
    }

    /// <summary>The slot's value over every ledger, as its kind says: a count summed, a time the least or the greatest.</summary>
    public long Value(int slot)
    {
        lock (_lock)
        {
            var kind = _kinds[slot];
            var value = _ended.Read(slot);
            foreach (var ledger in _ledgers)
                value = Combine(kind, value, ledger.Read(slot));
            return value;
        }
    }

    private Ledger Mine() => ReferenceEquals(t_counts, this) ? t_ledger! : Find();

    /// <summary>This thread's ledger, found or made, and remembered as the one it counts in now. Apart from
    /// <see cref="Mine"/>, whose every call would otherwise make this lookup's closure.</summary>
    private Ledger Find()
    {
        var thread = Thread.CurrentThread;
        var ledger = Array.Find(Volatile.Read(ref _ledgers), l => l.Owner == thread) ?? Join(thread);
        (t_counts, t_ledger) = (this, ledger);
        return ledger;
    }

    /// <summary>Makes this thread's ledger; folds those of threads that have ended into one, so ledgers stay as many as threads.</summary>
    private Ledger Join(Thread thread)
    {
        lock (_lock)
        {
            var ledger = new Ledger(thread);
            var ended = _ledgers.Where(l => !l.Owner!.IsAlive).ToList();
            foreach (var gone in ended)
            {
                for (var slot = 0; slot < _kinds.Count; slot++)
                    _ended.Slot(slot) = Combine(_kinds[slot], _ended.Read(slot), gone.Read(slot));
            }
            Volatile.Write(ref _ledgers, [.. _ledgers.Except(ended), ledger]);
            return ledger;
        }
    }

    /// <summary>Two ledgers' values of a slot of <paramref name="kind"/>, as one (0 is no time yet).</summary>
    private static long Combine(SlotKind kind, long held, long value) => kind switch
    {
        SlotKind.Least => held == 0 || value != 0 && value < held ? value : held,
        SlotKind.Greatest => Math.Max(held, value),
        _ => held + value,
    };

    /// <summary>One thread's counts: written by that thread alone (or, once it has ended, folded under the lock), read by any.</summary>
    private sealed class Ledger(Thread? owner)
    {
        private long[] _slots = new long[16];

        public Thread? Owner { get; } = owner;

        /// <summary>A slot to write: grown (by its own thread) when the state has reserved more since.</summary>
        public ref long Slot(int slot)
        {
            var slots = _slots;
            if (slot >= slots.Length)
            {
                var grown = new long[Math.Max(slot + 1, slots.Length * 2)];
                slots.CopyTo(grown, 0);
                Volatile.Write(ref _slots, slots = grown);
            }
            return ref slots[slot];
        }

        public long Read(int slot)
        {
            var slots = Volatile.Read(ref _slots);
            return slot < slots.Length ? Volatile.Read(ref slots[slot]) : 0;
        }
    }
}

/// <summary>How a slot's values add up across threads: a count is summed; a time is the least or the greatest.</summary>
internal enum SlotKind
{
    Count,
    Least,
    Greatest,
}
