using Beacon.MockServer.Configuration;
using Beacon.MockServer.Features.Otlp;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Benchmarks;

/// <summary>
/// What the store keeps per capture of the documented traces sample, against the body's wire size (target:
/// at most 3x). Two figures: the store's own account (<see cref="Capture.RetainedBytes"/>, the sum
/// that <c>/healthz</c> reports as <c>bytes</c> and the byte cap counts), and the managed heap the captures
/// really hold, measured over many. A capture is kept as one encoded blob (the OTLP export as protobuf, decoded
/// again when a view asks), so what is counted is close to what the heap holds.
/// </summary>
internal static class StoredBytes
{
    private const int Captures = 10_000;

    public static int Run()
    {
        Console.WriteLine($"{"encoding",-9} {"wire B",7} {"payload B",9} {"accounted B",11} {"heap B",8} {"accounted/wire",14} {"heap/wire",9}");
        foreach (var encoding in Enum.GetValues<OtlpEncoding>())
        {
            var body = Samples.Body(Samples.Traces, encoding);
            var options = new BeaconOptions();
            var store = new CaptureStore(Options.Create(options));
            var (capture, export) = Samples.Captured(body, encoding);
            var completed = Samples.Complete(store, store.Append(capture), export);
            var accounted = store.Stats.Bytes;

            // Each capture made afresh, as each request makes its own: nothing shared but what the server shares.
            var heap = new CaptureStore(Options.Create(options));
            var before = GC.GetTotalMemory(forceFullCollection: true);
            for (var i = 0; i < Captures; i++)
            {
                var (next, nextExport) = Samples.Captured((byte[])body.Clone(), encoding);
                Samples.Complete(heap, heap.Append(next), nextExport);
            }
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var perCapture = (after - before) / (double)Captures;
            GC.KeepAlive(heap);

            Console.WriteLine($"{OtlpWireFormat.Name(encoding),-9} {body.Length,7} {completed.Payload!.RetainedBytes,9} {accounted,11} {perCapture,8:0} "
                + $"{accounted / (double)body.Length,14:0.00} {perCapture / body.Length,9:0.00}");
        }
        return 0;
    }
}
