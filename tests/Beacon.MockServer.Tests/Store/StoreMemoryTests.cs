using System.Text.Json;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Tests.Store;

/// <summary>
/// Under a heap cap, with many large bodies at once, the store may have no memory for one more copy of a body, or for
/// reading one back to change its capture. The request is still captured, without its body and with a finding that says
/// why, rather than failing with a 500.
/// </summary>
public sealed class StoreMemoryTests
{
    [Fact]
    public void ABodyTheStoreCannotCopy_IsCapturedWithoutIt_SayingWhy()
    {
        var store = CaptureStores.New();

        var entry = store.Append(CaptureStores.Capture() with { Payload = new Heavy(storing: false) });

        var capture = store.Find(entry.Sequence)!;
        Assert.Null(capture.Payload);
        Assert.Equal(CaptureStore.NotKept, Assert.Single(capture.Findings));
        Assert.Equal(1, store.Stats.Count);
    }

    [Fact]
    public void ACaptureWhoseBodyCannotBeReadBack_IsStillChanged_WithoutItsBody()
    {
        var store = CaptureStores.New();
        var entry = store.Append(CaptureStores.Capture() with { Payload = new Heavy(storing: true) });

        var updated = store.Update(entry, c => c with { Status = 201 });

        Assert.Equal(201, updated.Status);
        Assert.Null(updated.Payload);
        Assert.Equal(CaptureStore.NotKept, Assert.Single(updated.Findings));
        var stored = store.Query(new CaptureFilter(), 10).Items.Single();
        Assert.Equal((201, entry.Sequence), (stored.Status, stored.Sequence));
    }

    [Fact]
    public void ACaptureThatCannotBeCopiedToComplete_IsCompletedWithoutItsBodies_SayingWhy()
    {
        var store = CaptureStores.New();
        var entry = store.Append(CaptureStores.Capture(payloadChars: 10));
        var answer = new CaptureResponse(200, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, new Heavy(storing: false), 1.5);

        store.Complete(entry, 200, RawJson.FromValidated("{\"ok\":true}"u8), answer, [new Finding("status", "added")]);

        var capture = store.Find(entry.Sequence)!;
        Assert.Equal(200, capture.Status);
        Assert.Null(capture.Payload);
        Assert.Null(capture.Response!.Body);
        Assert.Equal((200, 1.5), (capture.Response.Status, capture.Response.DurationMs));
        Assert.Equal("{\"ok\":true}", System.Text.Encoding.UTF8.GetString(capture.Details!.Utf8.Span));
        Assert.Equal([CaptureStore.NotKept, new Finding("status", "added")], capture.Findings);
    }

    /// <summary>A payload the process has no memory for: copying it (or, once stored, reading it back) runs out.</summary>
    private sealed class Heavy(bool storing) : CapturePayload
    {
        public override StoredPayload Stored => storing ? new StoredPayload(Unreadable.Instance, "\"x\""u8.ToArray()) : throw new OutOfMemoryException();

        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue("x");
    }

    private sealed class Unreadable : PayloadReader
    {
        public static readonly Unreadable Instance = new();

        public override CapturePayload Read(ReadOnlyMemory<byte> bytes) => throw new OutOfMemoryException();
    }
}
