using Beacon.MockServer.Store;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using CaptureRecord = Beacon.MockServer.Store.Capture;

namespace Beacon.MockServer.Tests.Store;

/// <summary>Stores and captures made to measure for the store's unit tests.</summary>
internal static class CaptureStores
{
    public static CaptureStore New(int maxCaptures = 10_000, long maxBytes = 64L * 1024 * 1024) =>
        new(Options.Create(new BeaconOptions { Store = new StoreOptions { MaxCaptures = maxCaptures, MaxBytes = maxBytes } }));

    public static CaptureRecord Capture(string kind = "verify", string? license = null, int payloadChars = 0) => new()
    {
        Kind = kind,
        ReceivedAt = BeaconApplication.Start,
        Method = "POST",
        Path = "/v1/beacon/" + kind,
        Headers = new Dictionary<string, string>(),
        License = license,
        Payload = payloadChars > 0 ? Text(payloadChars) : null,
    };

    /// <summary>A payload holding a JSON string of <paramref name="chars"/> characters.</summary>
    public static JsonPayload Text(int chars) => new(RawJson.FromValidated(System.Text.Encoding.UTF8.GetBytes($"\"{new string('x', chars)}\"")));

    public static IEnumerable<long> Sequences(CaptureStore store) =>
        store.Query(new CaptureFilter(), 1000).Items.Select(c => c.Sequence);

    public static IEnumerable<long> Range(long first, long last)
    {
        for (var s = first; s <= last; s++)
            yield return s;
    }
}
