namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// How many OTLP view queries may scan the store at once: one fewer than the cores (at least one). A view over a
/// full store reads every export in it, tens of milliseconds of CPU; a burst of them would otherwise take every
/// core, and <c>/healthz</c> and the wire routes would queue behind them. Queued queries wait without a thread.
/// </summary>
internal sealed class ViewScans
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount - 1));

    public async Task<T> RunAsync<T>(Func<T> scan, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return scan();
        }
        finally
        {
            _slots.Release();
        }
    }
}
