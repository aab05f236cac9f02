using Beacon.MockServer.Features.Upstream;

namespace Beacon.MockServer.Tests.Features.Upstream;

/// <summary>The two streams pass-through hands YARP: the request body over the bytes the mock holds, and the answer's tee.</summary>
public sealed class UpstreamStreamsTests
{
    [Fact]
    public async Task AnEndlessAnswer_PassesThrough_HoldingNoMoreThanTheBound()
    {
        const int Bound = 16 * 1024;
        var client = new CountingStream();
        var recorded = 0;
        using var response = new UpstreamResponse(client, Bound, _ => recorded++);
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'x');

        // 64 MiB, four times Beacon:MaxBodyBytes' default: the writes complete at once, so this thread does all the work.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1024; i++)
            await response.WriteAsync(chunk);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1024L * chunk.Length, client.Written);
        Assert.Equal(client.Written, response.Written);
        Assert.Equal(Bound, response.Kept.Length);
        Assert.True(response.Passing);
        Assert.Equal(1, recorded);
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated to pass 64 MiB through");
    }

    [Fact]
    public async Task AnAnswerWithinTheBound_IsHeldUntilReleased_AndRecordedOnlyThen()
    {
        var client = new CountingStream();
        var recorded = 0;
        using var response = new UpstreamResponse(client, 1024, _ => recorded++);

        await response.WriteAsync(new byte[600]);
        await response.WriteAsync(new byte[424]);
        await response.FlushAsync();

        Assert.Equal((0L, 1024, false, 0), (client.Written, response.Kept.Length, response.Passing, recorded));
        await response.ReleaseAsync(CancellationToken.None);
        Assert.Equal(1024L, client.Written);
    }

    [Fact]
    public async Task TheAnswersStart_ReachesTheClientInOrder_WhenAWriteCrossesTheBound()
    {
        var client = new MemoryStream();
        using var response = new UpstreamResponse(client, 10, _ => { });
        var body = "0123456789abcdefghij"u8.ToArray();

        await response.WriteAsync(body.AsMemory(0, 7));
        await response.WriteAsync(body.AsMemory(7));

        Assert.Equal(body, client.ToArray());
        Assert.Equal("0123456789"u8.ToArray(), response.Kept.ToArray());
    }

    [Fact]
    public async Task TheReceivedBody_ReadsTheMemoryItIsGiven()
    {
        var held = "the body as it arrived"u8.ToArray();
        await using var stream = new ReceivedBodyStream(held);

        var start = new byte[4];
        Assert.Equal(4, await stream.ReadAsync(start));
        held[4] = (byte)'B';
        var rest = new MemoryStream();
        await stream.CopyToAsync(rest);

        Assert.Equal("the "u8.ToArray(), start);
        Assert.Equal("Body as it arrived"u8.ToArray(), rest.ToArray());
        Assert.Equal((held.Length, held.Length), (stream.Position, stream.Length));
        Assert.Equal(0, await stream.ReadAsync(new byte[8]));
        stream.Position = 0;
        Assert.Equal(held.Length, stream.Read(new byte[100], 0, 100));
    }

    private sealed class CountingStream : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => Written += count;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
