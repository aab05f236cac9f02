using Beacon.MockServer.Configuration;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Billing;

/// <summary>
/// The ingested billing transactions per license and namespace, deduplicated by id: a client that
/// retries a batch (see num_failed_send_attempts) is not billed twice, and parallel tests in their own
/// namespaces never deduplicate against each other. Holds at most Beacon:Store:MaxTransactions,
/// forgetting the oldest first; totals keep counting what was forgotten.
/// </summary>
public sealed class BillingLedger(IOptions<BeaconOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string? Namespace, string License), Account> _accounts = [];
    private readonly Queue<(Account Account, string Id)> _order = new();
    private readonly int _max = options.Value.Store.MaxTransactions;
    private long _forgotten;

    /// <summary>Adds the new transactions; returns how many were new and the ids already held.</summary>
    public (int Inserted, List<string> DuplicateIds) Ingest(string license, string? ns, IEnumerable<TraceTransaction> transactions, long sequence)
    {
        var duplicates = new List<string>();
        var inserted = 0;
        lock (_lock)
        {
            if (!_accounts.TryGetValue((ns, license), out var account))
                _accounts[(ns, license)] = account = new Account(license, ns);
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
                inserted++;
            }
            while (_order.Count > _max)
            {
                var (oldest, oldestId) = _order.Dequeue();
                oldest.Transactions.Remove(oldestId);
                _forgotten++;
            }
        }
        return (inserted, duplicates);
    }

    /// <summary>The accounts of <paramref name="license"/> (or all), in <paramref name="ns"/> (or every namespace).</summary>
    public BillingView View(string? license, string? ns = null)
    {
        lock (_lock)
        {
            var accounts = _accounts.Values
                .Where(a => (license is null || a.License == license) && (ns is null || a.Namespace == ns))
                .OrderBy(a => a.License, StringComparer.Ordinal).ThenBy(a => a.Namespace, StringComparer.Ordinal)
                .Select(a => new BillingAccountView(a.License, a.Namespace, a.Inserted, a.Duplicates, a.TotalTraceCount, [.. a.Transactions.Values]))
                .ToList();
            return new BillingView(accounts, _forgotten);
        }
    }

    /// <summary>Forgets every account, or only those of one namespace.</summary>
    public void Clear(string? ns = null)
    {
        lock (_lock)
        {
            if (ns is null)
            {
                _accounts.Clear();
                _order.Clear();
                _forgotten = 0;
                return;
            }
            foreach (var key in _accounts.Keys.Where(k => k.Namespace == ns).ToList())
                _accounts.Remove(key);
            var kept = _order.Where(o => o.Account.Namespace != ns).ToList();
            _order.Clear();
            foreach (var item in kept)
                _order.Enqueue(item);
        }
    }

    private sealed class Account(string license, string? ns)
    {
        public string License { get; } = license;

        public string? Namespace { get; } = ns;

        // Dictionary keeps insertion order while nothing is removed, and removal is oldest-first.
        public Dictionary<string, LedgerTransaction> Transactions { get; } = [];

        public long Inserted { get; set; }

        public long Duplicates { get; set; }

        public long TotalTraceCount { get; set; }
    }
}

/// <summary>A deduplicated transaction and the capture that brought it.</summary>
public sealed record LedgerTransaction(long Sequence, TraceTransaction Transaction);

/// <param name="Inserted">Distinct transactions ingested for the license.</param>
/// <param name="Duplicates">Transactions received again with an id already held; not counted.</param>
/// <param name="TotalTraceCount">Sum of trace_count over the distinct transactions.</param>
public sealed record BillingAccountView(string License, string? Namespace, long Inserted, long Duplicates, long TotalTraceCount, IReadOnlyList<LedgerTransaction> Transactions);

/// <param name="Forgotten">Transactions dropped from the lists (not from the totals) to respect Beacon:Store:MaxTransactions.</param>
public sealed record BillingView(IReadOnlyList<BillingAccountView> Licenses, long Forgotten);
