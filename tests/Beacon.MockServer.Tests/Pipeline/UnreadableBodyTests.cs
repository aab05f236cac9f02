using System.Text;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>A body that breaks off mid-way is answered with a 4xx problem and still captured with what arrived.</summary>
public sealed class UnreadableBodyTests
{
    [Theory]
    [InlineData("io")]
    [InlineData("bad-request")]
    public async Task Request_WhoseBodyBreaksOff_Gets400AndIsCapturedWithWhatArrived(string failure)
    {
        using var app = new BeaconApplication();
        const string arrived = """{"license": "lcl_cut""";

        // The server's own pipeline, fed a body stream that fails after its first bytes.
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/v1/beacon/verify";
            c.Request.ContentType = "application/json";
            c.Request.Body = new BreakingStream(Encoding.UTF8.GetBytes(arrived), failure);
        });

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        var capture = await app.CreateBeaconClient().LastCaptureAsync();
        Assert.Equal(400, capture.GetProperty("status").GetInt32());
        Assert.Equal(arrived.Length, capture.GetProperty("bodyBytes").GetInt64());
        Assert.Equal(arrived, capture.GetProperty("payloadText").GetString());
        var finding = Assert.Single(capture.GetProperty("findings").EnumerateArray());
        Assert.Contains("could not be read whole", finding.GetProperty("message").GetString());
    }

    /// <summary>Gives its bytes, then fails the next read the way a dropped or malformed upload does.</summary>
    private sealed class BreakingStream(byte[] first, string failure) : MemoryStream(first)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            if (read > 0)
                return read;
            throw failure == "io"
                ? new IOException("The client reset the connection.")
                : new BadHttpRequestException("Bad chunk size data.", StatusCodes.Status400BadRequest);
        }
    }
}
