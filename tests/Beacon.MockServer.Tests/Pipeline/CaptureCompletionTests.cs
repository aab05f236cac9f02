using Beacon.MockServer.Tests.Features.Faults;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>
/// A client that has its answer and then asks the mock what arrived finds the capture complete: the status
/// is written as the response starts, before a byte of it is sent, over a real connection as in memory.
/// </summary>
public sealed class CaptureCompletionTests() : HostedTest(onLoopback: true)
{
    private const int Requests = 200;

    [Fact]
    public async Task EveryCapture_HoldsItsStatus_TheMomentTheClientHasTheResponse()
    {
        var client = Client;
        var store = App.Store();
        await client.AddFaultAsync("""{"match": {"license": "lic-faulted"}, "status": 503}""");

        for (var i = 0; i < Requests; i++)
        {
            var license = i % 4 == 0 ? "lic-faulted" : $"lic-{i}";
            var response = await client.VerifyAsync(license);

            // Read straight from the store, with nothing in between that could give the server time.
            var status = store.Stats.LastSequence is var sequence && store.Find(sequence) is { } capture ? capture.Status : null;
            Assert.True(status == (int)response.StatusCode, $"request {i}: answered {(int)response.StatusCode}, capture {sequence} holds {status}");
        }
    }
}
