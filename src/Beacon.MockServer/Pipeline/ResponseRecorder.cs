namespace Beacon.MockServer.Pipeline;

/// <summary>
/// Stands in for a wire response's body while the route writes it: holds what is written, up to a bound, so that the
/// capture records the answer before a byte of it reaches the client (a client that has its answer and asks the mock
/// finds it recorded); past the bound, what is held goes out and the rest streams through, and only the start is kept.
/// </summary>
internal sealed class ResponseRecorder(Stream inner, int maxBytes) : Stream
{
    private readonly MemoryStream _kept = new();
    private bool _streaming;

    public Stream Inner { get; } = inner;

    /// <summary>The start of the body, at most the bound: all of it unless <see cref="Cut"/>.</summary>
    public ReadOnlySpan<byte> Kept => _kept.GetBuffer().AsSpan(0, (int)_kept.Length);

    /// <summary>Whether the body went past the bound, so that <see cref="Kept"/> is only its start.</summary>
    public bool Cut { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_streaming)
        {
            if (_kept.Length + buffer.Length <= maxBytes)
            {
                _kept.Write(buffer.Span);
                return;
            }
            // Too long to hold: what is held goes first, the rest follows as it comes.
            (_streaming, Cut) = (true, true);
            await Inner.WriteAsync(_kept.GetBuffer().AsMemory(0, (int)_kept.Length), cancellationToken);
        }
        var room = maxBytes - (int)_kept.Length;
        if (room > 0)
            _kept.Write(buffer.Span[..Math.Min(room, buffer.Length)]);
        await Inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Flushes only once the body streams; while it is held, nothing reaches the client yet.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => _streaming ? Inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
    }

    /// <summary>Forgets what is held, for an answer that replaces it (a refusal after a partial answer); false once it has streamed.</summary>
    public bool Discard()
    {
        if (_streaming)
            return false;
        _kept.SetLength(0);
        return true;
    }

    /// <summary>Sends what was held, once the capture has recorded it.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!_streaming && _kept.Length > 0)
            await Inner.WriteAsync(_kept.GetBuffer().AsMemory(0, (int)_kept.Length), cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
