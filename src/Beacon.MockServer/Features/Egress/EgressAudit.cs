using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Egress;

/// <summary>
/// The egress audit: told about each capture as it is received (<see cref="ICaptureObserver"/>), it keeps, per namespace,
/// what the traffic showed against what the pages promise, whatever the store evicts; a reset clears it
/// (<see cref="IResettable"/>). Past <c>Beacon:Egress:MaxNamespaces</c>, later namespaces are audited together.
/// A request finds its namespace's state without a lock, in a copy of the states made each time one is added or let go
/// (most requests go to a namespace already seen); only a new namespace, one past the cap and a reset take the lock.
/// Requests of one namespace are audited at once on every thread that serves them, each with its own
/// <see cref="CaptureAudit"/>: one lock per namespace made every request of a busy one wait its turn, and the waiting
/// cost more than the audit.
/// </summary>
internal sealed partial class EgressAudit : ICaptureObserver, IResettable, IDisposable
{
    private readonly EgressOptions _options;
    private readonly ILogger<EgressAudit> _logger;

    /// <summary>Each thread's audit of the captures it serves, made the first time it serves one.</summary>
    private readonly ThreadLocal<CaptureAudit> _auditors;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, AuditState> _states = new(StringComparer.Ordinal);
    private volatile Dictionary<string, AuditState> _published = new(StringComparer.Ordinal);
    private AuditState? _shared;
    private long _failures;

    public EgressAudit(IOptions<EgressOptions> options, EgressContract contract, ILogger<EgressAudit> logger)
    {
        _options = options.Value;
        _logger = logger;
        Rules = new(_options, contract);
        Budget = new(_options.MaxEndpoints, _options.MaxFieldPaths);
        _auditors = new(() => new CaptureAudit(Rules));
    }

    public AuditRules Rules { get; }

    public AuditBudget Budget { get; }

    public EgressOptions Options => _options;

    public long Failures => Interlocked.Read(ref _failures);

    public IReadOnlyList<Finding> Received(Capture capture)
    {
        if (!_options.Enabled)
            return [];
        try
        {
            Rules.Keys.Learn(capture.License);
            var state = StateOf(capture.Namespace);
            // A reset may have let this state go since it was found: the one that replaced it is found instead.
            while (state.Released)
                state = StateOf(capture.Namespace);
            return _auditors.Value!.Run(state, capture);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The audit must never cost a request its answer: the failure is counted (the report says so) and logged.
            Interlocked.Increment(ref _failures);
            Log.Failed(_logger, e, capture.Sequence, capture.Kind);
            return [];
        }
    }

    public void Reset(string? ns)
    {
        List<AuditState> released;
        lock (_lock)
        {
            if (ns is null)
            {
                released = [.. _states.Values];
                if (_shared is not null)
                    released.Add(_shared);
                _states.Clear();
                _shared = null;
                Rules.Keys.Clear();
                Interlocked.Exchange(ref _failures, 0);
            }
            else
            {
                released = _states.Remove(ns, out var state) ? [state] : [];
            }
            _published = new(_states, StringComparer.Ordinal);
        }
        foreach (var state in released)
            state.Release();
    }

    public void Dispose() => _auditors.Dispose();

    /// <summary>The states a report of <paramref name="ns"/> reads: every one for null; else its own, or the shared one past the cap.</summary>
    /// <returns>The states, and whether the namespace's traffic is audited together with others'.</returns>
    public (IReadOnlyList<AuditState> States, bool Shared) StatesFor(string? ns)
    {
        lock (_lock)
        {
            if (ns is null)
                return ([.. _states.Values, .. _shared is null ? [] : new[] { _shared }], false);
            if (_states.TryGetValue(ns, out var state))
                return ([state], false);
            return _shared is null ? ([], false) : ([_shared], true);
        }
    }

    /// <summary>Captures of namespaces past <c>Beacon:Egress:MaxNamespaces</c>, audited together.</summary>
    public long SharedCaptures
    {
        get
        {
            AuditState? shared;
            lock (_lock)
                shared = _shared;
            return shared?.Captures ?? 0;
        }
    }


    private AuditState StateOf(string? ns)
    {
        var key = ns ?? "";
        if (_published.TryGetValue(key, out var state))
            return state;
        lock (_lock)
        {
            if (_states.TryGetValue(key, out state))
                return state;
            if (_states.Count >= _options.MaxNamespaces)
                return _shared ??= new AuditState(Budget);
            _states[key] = state = new AuditState(Budget);
            _published = new(_states, StringComparer.Ordinal);
            return state;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "The egress audit failed on capture {Sequence} ({Kind}); it is counted in the report's limits.failures")]
        public static partial void Failed(ILogger logger, Exception exception, long sequence, string kind);
    }
}
