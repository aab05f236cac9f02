using Beacon.MockServer.Store;

namespace Beacon.MockServer.Tests.Store;

/// <summary>
/// Waits cost only the appends that could satisfy them: an append signals the subscriptions whose filter it
/// matches, at the stage it reaches, and leaves every other one asleep however many there are.
/// </summary>
public sealed class ArrivalIndexTests
{
    [Fact]
    public void AnAppend_SignalsOnlyTheSubscriptionsItMatches()
    {
        var store = CaptureStores.New();
        using var byLicense = store.Subscribe(new CaptureFilter(License: "lcl_a"), CaptureStage.Received);
        using var byKind = store.Subscribe(new CaptureFilter(Kind: "verify"), CaptureStage.Received);
        using var byNamespace = store.Subscribe(new CaptureFilter(Namespace: "t1"), CaptureStage.Received);
        using var anything = store.Subscribe(new CaptureFilter(), CaptureStage.Received);
        using var otherLicense = store.Subscribe(new CaptureFilter(Kind: "verify", License: "lcl_b"), CaptureStage.Received);
        using var otherKind = store.Subscribe(new CaptureFilter(Kind: "auth"), CaptureStage.Received);
        using var otherNamespace = store.Subscribe(new CaptureFilter(Kind: "verify", Namespace: "t2"), CaptureStage.Received);
        using var completed = store.Subscribe(new CaptureFilter(Kind: "verify"), CaptureStage.Completed);
        var next = new[] { byLicense, byKind, byNamespace, anything, otherLicense, otherKind, otherNamespace, completed }
            .Select(s => s.NextAsync(CancellationToken.None)).ToArray();

        store.Append(CaptureStores.Capture("verify", "lcl_a") with { Namespace = "t1" });

        Assert.Equal([true, true, true, true, false, false, false, false], next.Select(t => t.IsCompleted));
    }

    [Fact]
    public void ACompletion_SignalsTheCompletedStage()
    {
        var store = CaptureStores.New();
        using var completed = store.Subscribe(new CaptureFilter(Kind: "verify"), CaptureStage.Completed);
        var entry = store.Append(CaptureStores.Capture("verify"));
        var next = completed.NextAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        store.Update(entry, c => c with { Status = 200 });

        Assert.True(next.IsCompleted);
    }

    [Fact]
    public void AThousandWaitsThatMatchNothing_AreNotVisitedByAnAppend()
    {
        var store = CaptureStores.New();
        var subscriptions = Enumerable.Range(0, 1000).Select(i => store.Subscribe(new CaptureFilter(License: $"lcl_waiting_{i}"), CaptureStage.Received)).ToList();
        var next = subscriptions.Select(s => s.NextAsync(CancellationToken.None)).ToList();

        for (var i = 0; i < 100; i++)
            store.Append(CaptureStores.Capture("metadata", "lcl_flood"));

        Assert.All(next, t => Assert.False(t.IsCompleted));
        Assert.Equal(1000, store.Stats.Waiters);
        subscriptions.ForEach(s => s.Dispose());
        Assert.Equal(0, store.Stats.Waiters);
    }

    [Fact]
    public async Task ASignalBeforeTheWait_IsNotLost()
    {
        var store = CaptureStores.New();
        using var subscription = store.Subscribe(new CaptureFilter(Kind: "verify"), CaptureStage.Received);

        store.Append(CaptureStores.Capture("verify"));

        await subscription.NextAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
