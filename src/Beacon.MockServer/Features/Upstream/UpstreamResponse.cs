using System.Buffers;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// Passes the upstream's answer to the client as it comes, holding back only its start: the first
/// <see cref="Bound"/> bytes (<c>Beacon:Store:MaxTextPayloadBytes</c>) wait until the answer ends or outgrows them,
/// so that the capture has the upstream's status and the start of its body before the client has a byte of it
/// (a short answer, such as a token, is recorded whole). Past the bound, nothing more is held: an endless answer
/// costs the bound and the forwarder's copy buffer, however long it runs.
/// </summary>
internal sealed class UpstreamResponse(Stream inner, int bound, Action<UpstreamResponse> passing) : Stream
{
    private byte[]? _start;
    private int _held;

    public Stream Inner { get; } = inner;

    public int Bound => bound;

    /// <summary>The start of the answer the capture keeps: all of it while it fits the bound, the first <see cref="Bound"/> bytes after.</summary>
    public ReadOnlySpan<byte> Kept => _start.AsSpan(0, _held);

    /// <summary>Every byte of the answer so far.</summary>
    public long Written { get; private set; }

    /// <summary>Whether the answer outgrew the bound and is reaching the client as it comes (so the client has its start already).</summary>
    public bool Passing { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Written += buffer.Length;
        if (Passing)
        {
            await Inner.WriteAsync(buffer, cancellationToken);
            return;
        }
        _start ??= ArrayPool<byte>.Shared.Rent(bound);
        var taken = Math.Min(buffer.Length, bound - _held);
        buffer.Span[..taken].CopyTo(_start.AsSpan(_held));
        _held += taken;
        if (Written <= bound)
            return;
        // Outgrown: the capture takes the start now, then the start and the rest go on as they come.
        Passing = true;
        passing(this);
        await Inner.WriteAsync(_start.AsMemory(0, _held), cancellationToken);
        await Inner.WriteAsync(buffer[taken..], cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Flushes only once the answer is passing through; while its start is held, nothing reaches the client yet.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Passing ? Inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
    }

    /// <summary>Sends what was held, once the capture has recorded it: the whole of an answer that fit the bound.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!Passing && _held > 0)
            await Inner.WriteAsync(_start.AsMemory(0, _held), cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _start is { } start)
        {
            _start = null;
            _held = 0;
            ArrayPool<byte>.Shared.Return(start);
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
