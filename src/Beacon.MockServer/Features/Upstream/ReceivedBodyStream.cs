namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// The body the mock already holds (<see cref="Pipeline.WireRequest.Received"/>), read as a stream over the same
/// memory: what the forwarder sends upstream, with nothing copied however large the body is.
/// </summary>
internal sealed class ReceivedBodyStream(ReadOnlyMemory<byte> body) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => body.Length;

    public override long Position
    {
        get => _position;
        set => _position = (int)Math.Clamp(value, 0, body.Length);
    }

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, body.Length - _position);
        body.Span.Slice(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>The rest of the body in one write, straight from the memory it is held in.</summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        var rest = body[_position..];
        _position = body.Length;
        await destination.WriteAsync(rest, cancellationToken);
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => body.Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
