namespace Beacon.MockServer.Store;

/// <summary>
/// A slot in the store. Writers swap its stored capture under the store's lock; readers take it as it is (it is
/// immutable) and read its keys, or build the whole capture (<see cref="Current"/>) when they need it.
/// </summary>
internal sealed class CaptureEntry
{
    private volatile StoredCapture _stored;

    internal CaptureEntry(StoredCapture stored)
    {
        _stored = stored;
        Size = stored.Size;
    }

    /// <summary>The capture as stored: cheap to read, its keys at hand.</summary>
    public StoredCapture Stored => _stored;

    /// <summary>The whole capture, built from its stored form now: for a reader that needs its strings and payload.</summary>
    public Capture Current => CaptureCodec.Decode(_stored);

    public long Sequence => _stored.Sequence;

    internal long Size { get; private set; }

    /// <summary>True once evicted or deleted: later updates no longer count against the caps.</summary>
    internal bool Removed { get; set; }

    internal void Set(StoredCapture stored)
    {
        _stored = stored;
        Size = stored.Size;
    }
}
