using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>Keeps every Serilog event the app writes, so tests can assert on log output.</summary>
public sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Each event as text: the rendered message, every property value and any exception.</summary>
    public IEnumerable<string> Lines() => _events.Select(e =>
        string.Join(" | ", [e.RenderMessage(), .. e.Properties.Select(p => $"{p.Key}={p.Value}"), e.Exception?.ToString() ?? ""]));
}
