using Beacon.MockServer.Features.Billing;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Tests.Features.Billing;

/// <summary>The ledger's bounds: transactions and accounts past their caps are forgotten oldest first, and counted.</summary>
public sealed class BillingLedgerTests
{
    private static BillingLedger Ledger(int maxTransactions) =>
        new(Options.Create(new BillingOptions { MaxTransactions = maxTransactions }));

    private static TraceTransaction[] Transactions(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new TraceTransaction { Id = Guid.NewGuid().ToString(), TraceCount = 2 })];

    [Fact]
    public void Ingest_PastMaxTransactions_ForgetsTheOldest_AndKeepsTheTotals()
    {
        var ledger = Ledger(maxTransactions: 100);

        for (var i = 0; i < 30; i++)
            ledger.Ingest("lcl_a", null, Transactions(10), sequence: i + 1);

        var view = ledger.View(null);
        var account = Assert.Single(view.Items);
        Assert.Equal((300L, 600L, 100), (account.Inserted, account.TotalTraceCount, account.Transactions.Count));
        Assert.Equal((200L, 0L), (view.Forgotten, view.ForgottenAccounts));
        // The newest 100, oldest first: ten from each of sequences 21 to 30.
        Assert.Equal(Enumerable.Range(21, 10).SelectMany(s => Enumerable.Repeat((long)s, 10)), account.Transactions.Select(t => t.Sequence));
    }

    [Fact]
    public void Ingest_UnderMoreLicensesThanMaxAccounts_ForgetsTheOldestAccountsWhole_AndCountsThem()
    {
        var ledger = Ledger(maxTransactions: 1_000_000);
        const int licenses = BillingLedger.MaxAccounts + 2_500;

        for (var i = 0; i < licenses; i++)
            ledger.Ingest($"lcl_{i}", null, Transactions(1), sequence: i + 1);

        var view = ledger.View(null);
        Assert.Equal(BillingLedger.MaxAccounts, view.Items.Count);
        Assert.Equal((2_500L, 2_500L), (view.ForgottenAccounts, view.Forgotten));
        Assert.DoesNotContain(view.Items, a => a.License == "lcl_0");
        Assert.Contains(view.Items, a => a.License == $"lcl_{licenses - 1}");
        Assert.True(ledger.Queued.Transactions <= 2 * BillingLedger.MaxAccounts + 1024, $"{ledger.Queued}");
    }

    [Fact]
    public void IngestAndClearOneNamespace_ManyTimes_KeepsTheQueuesBounded()
    {
        var ledger = Ledger(maxTransactions: 1_000);
        ledger.Ingest("lcl_kept", "other", Transactions(5), sequence: 1);

        for (var i = 0; i < 20_000; i++)
        {
            ledger.Ingest($"lcl_{i}", "scratch", Transactions(3), sequence: i + 2);
            ledger.Clear("scratch");
        }

        Assert.True(ledger.Queued.Transactions <= 2 * 5 + 1024 + 3, $"{ledger.Queued}");
        Assert.True(ledger.Queued.Accounts <= 2 + 1024 + 1, $"{ledger.Queued}");
        var kept = Assert.Single(ledger.View(null).Items);
        Assert.Equal(("lcl_kept", 5), (kept.License, kept.Transactions.Count));
        // The cleared namespace's transactions no longer count against the cap: 1,000 new ones all fit.
        ledger.Ingest("lcl_new", null, Transactions(995), sequence: 30_000);
        Assert.Equal(0, ledger.View(null).Forgotten);
    }
}
