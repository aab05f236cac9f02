namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// Holds the upstream's response body while the forwarder copies it, so the capture records the whole exchange
/// before the client has its answer; past <c>Beacon:MaxBodyBytes</c> it stops holding and lets the rest through.
/// </summary>
internal sealed class UpstreamResponse(Stream inner, int maxBytes) : Stream
{
    private readonly MemoryStream _held = new();
    private bool _passing;

    public Stream Inner { get; } = inner;

    /// <summary>What the capture keeps: everything held, or the first <c>Beacon:MaxBodyBytes</c> of a longer body.</summary>
    public byte[] Kept => _held.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_passing && _held.Length + buffer.Length <= maxBytes)
        {
            _held.Write(buffer.Span);
            return;
        }
        if (!_passing)
        {
            // Too long to hold: what is held goes first, the rest follows as it comes.
            _passing = true;
            await Inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
        }
        await Inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Flushes only once the body is passing through; while it is held, nothing reaches the client yet.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => _passing ? Inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
    }

    /// <summary>Sends what was held, once the capture has recorded it.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!_passing && _held.Length > 0)
            await Inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
