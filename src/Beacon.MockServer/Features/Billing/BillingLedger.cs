using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Billing;

/// <summary>
/// The ingested billing transactions per license and namespace, deduplicated by id: a client that
/// retries a batch (see num_failed_send_attempts) is not billed twice, and parallel tests in their own
/// namespaces never deduplicate against each other. Holds at most Beacon:Store:MaxTransactions,
/// forgetting the oldest first; totals keep counting what was forgotten. Holds at most
/// <see cref="MaxAccounts"/> accounts, forgetting the oldest account whole past that; both are counted.
/// </summary>
internal sealed class BillingLedger(IOptions<BillingOptions> options) : IResettable, ICaptureDerived
{
    /// <summary>Accounts (license and namespace pairs) past this many forget the oldest, so a flood of new licenses cannot grow memory.</summary>
    public const int MaxAccounts = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string? Namespace, string License), Account> _accounts = [];
    private readonly Queue<Account> _accountOrder = new();

    // Oldest first. Entries of a forgotten or cleared account stay until they reach the front, where they are skipped.
    private readonly Queue<(Account Account, string Id)> _order = new();
    private readonly int _max = options.Value.MaxTransactions;
    private int _held;
    private long _forgotten;
    private long _forgottenAccounts;

    /// <summary>Adds the new transactions; returns how many were new and the ids already held.</summary>
    public (int Inserted, List<string> DuplicateIds) Ingest(string license, string? ns, IEnumerable<TraceTransaction> transactions, long sequence)
    {
        var duplicates = new List<string>();
        var inserted = 0;
        lock (_lock)
        {
            if (!_accounts.TryGetValue((ns, license), out var account))
                account = Open(license, ns);
            foreach (var transaction in transactions)
            {
                // Ids were validated as UUIDs; the canonical form makes "AF28..." and "af28..." one id.
                var id = Guid.Parse(transaction.Id!).ToString();
                if (account.Transactions.ContainsKey(id))
                {
                    duplicates.Add(transaction.Id!);
                    account.Duplicates++;
                    continue;
                }
                account.Transactions[id] = new LedgerTransaction(sequence, transaction);
                account.TotalTraceCount += transaction.TraceCount ?? 0;
                account.Inserted++;
                _order.Enqueue((account, id));
                _held++;
                inserted++;
            }
            while (_held > _max)
            {
                var (oldest, oldestId) = _order.Dequeue();
                if (oldest.Closed)
                    continue;
                oldest.Transactions.Remove(oldestId);
                _held--;
                _forgotten++;
            }
        }
        return (inserted, duplicates);
    }

    /// <summary>How many entries the two queues hold, closed ones included: for tests that they stay bounded.</summary>
    internal (int Transactions, int Accounts) Queued
    {
        get
        {
            lock (_lock)
                return (_order.Count, _accountOrder.Count);
        }
    }

    /// <summary>A new account, forgetting the oldest one (its transactions and totals) when <see cref="MaxAccounts"/> are held. Under the lock.</summary>
    private Account Open(string license, string? ns)
    {
        while (_accounts.Count >= MaxAccounts && _accountOrder.TryDequeue(out var oldest))
        {
            if (oldest.Closed)
                continue;
            Close(oldest);
            _forgotten += oldest.Transactions.Count;
            _forgottenAccounts++;
        }
        var account = new Account(license, ns);
        _accounts[(ns, license)] = account;
        _accountOrder.Enqueue(account);
        return account;
    }

    private void Close(Account account)
    {
        _accounts.Remove((account.Namespace, account.License));
        account.Closed = true;
        _held -= account.Transactions.Count;
        // Entries of closed accounts wait in the queues until they reach the front. When they outnumber the
        // live ones, drop them all at once, so the queues stay within a small multiple of what is held.
        if (_order.Count > 2 * _held + 1024)
            Rebuild(_order, o => !o.Account.Closed);
        if (_accountOrder.Count > 2 * _accounts.Count + 1024)
            Rebuild(_accountOrder, a => !a.Closed);
    }

    private static void Rebuild<T>(Queue<T> queue, Func<T, bool> keep)
    {
        var kept = queue.Where(keep).ToList();
        queue.Clear();
        foreach (var item in kept)
            queue.Enqueue(item);
    }

    /// <summary>The accounts of <paramref name="license"/> (or all), in <paramref name="ns"/> (or every namespace).</summary>
    public BillingView View(string? license, string? ns = null)
    {
        lock (_lock)
        {
            var accounts = _accounts.Values
                .Where(a => (license is null || a.License == license) && (ns is null || a.Namespace == ns))
                .OrderBy(a => a.License, StringComparer.Ordinal).ThenBy(a => a.Namespace, StringComparer.Ordinal)
                .Select(a => new BillingAccountView(a.License, a.Namespace, a.Inserted, a.Duplicates, a.TotalTraceCount, [.. a.Transactions.Values.OrderBy(t => t.Sequence)]))
                .ToList();
            return new BillingView(accounts, accounts.Count, _forgotten, _forgottenAccounts);
        }
    }

    /// <summary>Built from ingest-traces captures: deleting them clears it.</summary>
    public string Kind => IngestTracesEndpoints.Kind.Name;

    public void Reset(string? ns) => Clear(ns);

    /// <summary>Forgets every account, or only those of one namespace.</summary>
    public void Clear(string? ns = null)
    {
        lock (_lock)
        {
            if (ns is null)
            {
                _accounts.Clear();
                _accountOrder.Clear();
                _order.Clear();
                (_held, _forgotten, _forgottenAccounts) = (0, 0, 0);
                return;
            }
            foreach (var account in _accounts.Values.Where(a => a.Namespace == ns).ToList())
                Close(account);
        }
    }

    private sealed class Account(string license, string? ns)
    {
        public string License { get; } = license;

        public string? Namespace { get; } = ns;

        // Once some are forgotten, the dictionary reuses their slots, so its order is not the arrival order.
        public Dictionary<string, LedgerTransaction> Transactions { get; } = [];

        public long Inserted { get; set; }

        public long Duplicates { get; set; }

        public long TotalTraceCount { get; set; }

        /// <summary>Forgotten or cleared: no longer in the ledger, though the queues may still name it.</summary>
        public bool Closed { get; set; }
    }
}

/// <summary>A deduplicated transaction and the capture that brought it.</summary>
internal sealed record LedgerTransaction(long Sequence, TraceTransaction Transaction);

/// <param name="Inserted">Distinct transactions ingested for the license.</param>
/// <param name="Duplicates">Transactions received again with an id already held; not counted.</param>
/// <param name="TotalTraceCount">Sum of trace_count over the distinct transactions.</param>
internal sealed record BillingAccountView(string License, string? Namespace, long Inserted, long Duplicates, long TotalTraceCount, IReadOnlyList<LedgerTransaction> Transactions);

/// <param name="Items">Each account (license and namespace), ordered by license then namespace: at most 10,000, so the list is answered whole.</param>
/// <param name="Forgotten">Transactions dropped from the lists (not from the totals) to respect Beacon:Store:MaxTransactions, or with their account.</param>
/// <param name="ForgottenAccounts">Accounts dropped whole, totals and all, to hold at most 10,000 accounts.</param>
internal sealed record BillingView(IReadOnlyList<BillingAccountView> Items, int Total, long Forgotten, long ForgottenAccounts);
