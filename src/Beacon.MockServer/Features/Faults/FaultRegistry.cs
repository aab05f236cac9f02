using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Faults;

/// <summary>
/// The fault rules in force, oldest first. Deciding whether a rule fires (its match, its remaining count, its
/// random draw) and counting the firing happen under one lock, so a rule for n requests fires exactly n times
/// however many arrive at once, and a seeded rule draws in the order requests reach it.
/// </summary>
internal sealed class FaultRegistry : IResettable
{
    /// <summary>Rules past this many are refused, so a runaway test cannot grow memory (or the time each request spends matching).</summary>
    public const int MaxRules = 1_000;

    private readonly Lock _lock = new();
    private readonly List<Slot> _slots = [];
    private readonly IReadOnlyList<FaultRule> _configured;
    private long _lastId;

    public FaultRegistry(IOptions<FaultOptions> options)
    {
        // Configured rules take the first ids, and keep them across resets.
        _configured = [.. options.Value.Faults.Select((request, i) => FaultRule.From(request, configured: true) with { Id = i + 1 })];
        _lastId = _configured.Count;
        Reset(null);
    }

    /// <summary>The rule as added, with its id; null when <see cref="MaxRules"/> are already held.</summary>
    public FaultRule? Add(FaultRule rule)
    {
        lock (_lock)
        {
            if (_slots.Count >= MaxRules)
                return null;
            var slot = new Slot(rule with { Id = ++_lastId, Fired = 0 });
            _slots.Add(slot);
            return slot.Snapshot;
        }
    }

    /// <summary>Every rule, or those scoped to <paramref name="namespace"/>, with how often each has fired.</summary>
    public IReadOnlyList<FaultRule> List(string? @namespace = null)
    {
        lock (_lock)
            return [.. _slots.Where(s => @namespace is null || s.Rule.Match.Namespace == @namespace).Select(s => s.Snapshot)];
    }

    public bool Remove(long id)
    {
        lock (_lock)
            return _slots.RemoveAll(s => s.Rule.Id == id) > 0;
    }

    /// <summary>Removes every rule (configured ones too, until a reset), or every rule scoped to <paramref name="namespace"/>.</summary>
    public int Clear(string? @namespace = null)
    {
        lock (_lock)
            return _slots.RemoveAll(s => @namespace is null || s.Rule.Match.Namespace == @namespace);
    }

    /// <summary>
    /// With no namespace: back to exactly the configured rules, unfired, their random sequences restarted.
    /// With one: removes the run-time rules scoped to it, leaving every other test's rules alone.
    /// </summary>
    public void Reset(string? @namespace)
    {
        lock (_lock)
        {
            if (@namespace is not null)
            {
                _slots.RemoveAll(s => !s.Rule.Configured && s.Rule.Match.Namespace == @namespace);
                return;
            }
            _slots.Clear();
            _slots.AddRange(_configured.Select(rule => new Slot(rule)));
        }
    }

    /// <summary>
    /// The rule that fires for this request, counted as fired: the oldest live rule that matches and whose
    /// draw succeeds. Rules after it are not consulted, so their random sequences do not move.
    /// </summary>
    /// <param name="decoded">Whether the route could read the body; a partial success needs a decoded export.</param>
    public FaultRule? Fire(Capture capture, WireRoute route, bool decoded)
    {
        lock (_lock)
        {
            foreach (var slot in _slots)
            {
                if (slot.Rule.Times is { } times && slot.Fired >= times || !slot.Rule.AppliesTo(capture, route, decoded))
                    continue;
                if (slot.Random is { } random && !(random.NextDouble() < slot.Rule.Probability))
                    continue;
                slot.Fired++;
                return slot.Rule;
            }
            return null;
        }
    }

    /// <summary>A rule and its counters; touched only under the registry's lock.</summary>
    private sealed class Slot(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public long Fired { get; set; }

        /// <summary>Only a rule with a probability draws; its seed was fixed when the rule was made.</summary>
        public Random? Random { get; } = rule.Probability is not null ? new Random(rule.Seed!.Value) : null;

        public FaultRule Snapshot => Rule with { Fired = Fired };
    }
}
