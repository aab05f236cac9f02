namespace Beacon.MockServer.Store;

/// <summary>A slot in the store. Writers swap its record under the store's lock; readers take the record as it is.</summary>
internal sealed class CaptureEntry
{
    private volatile Capture _current;

    internal CaptureEntry(Capture capture, long size)
    {
        _current = capture;
        Size = size;
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
