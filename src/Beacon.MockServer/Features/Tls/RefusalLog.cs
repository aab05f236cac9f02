namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// The log line for a refused handshake, at most once per <see cref="Interval"/> (by the injected clock): a client
/// flooding the port with names no certificate can carry wrote thousands of lines a second. The refusals between
/// two lines are counted, and the next line says how many.
/// </summary>
internal sealed class RefusalLog(TimeProvider clock)
{
    /// <summary>Kept in step with the words of <see cref="TlsLog.RefusedAgain"/>.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastLine;
    private long _unlogged;

    public void Refused(ILogger logger, string serverName, int length)
    {
        long unlogged;
        DateTimeOffset? since;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_lastLine is { } last && now - last < Interval)
            {
                _unlogged++;
                return;
            }
            (unlogged, since, _unlogged, _lastLine) = (_unlogged, _lastLine, 0, now);
        }
        if (unlogged == 0)
            TlsLog.Refused(logger, serverName, length);
        else
            TlsLog.RefusedAgain(logger, serverName, length, unlogged, since!.Value);
    }
}
