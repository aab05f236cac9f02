namespace Beacon.MockServer.Client;

/// <summary>The billing ledger, as <c>GET /mock/billing/transactions</c> answers it.</summary>
/// <param name="Items">An account per license and namespace, ordered by license.</param>
/// <param name="Total">How many accounts are listed.</param>
/// <param name="Forgotten">Transactions forgotten past <c>Beacon:Store:MaxTransactions</c>.</param>
/// <param name="ForgottenAccounts">Accounts forgotten whole past 10,000.</param>
public sealed record BillingList(IReadOnlyList<BillingAccount> Items, int Total, long Forgotten, long ForgottenAccounts);

/// <summary>What one license was billed in one namespace, deduplicated by transaction id.</summary>
/// <param name="License">The license the transactions were billed to.</param>
/// <param name="Namespace">The namespace they were sent under; null for the unprefixed routes.</param>
/// <param name="Inserted">Transactions billed.</param>
/// <param name="Duplicates">Transactions sent again and not billed again.</param>
/// <param name="TotalTraceCount">The sum of the billed transactions' <c>trace_count</c>.</param>
/// <param name="Transactions">The distinct transactions, oldest first.</param>
public sealed record BillingAccount(
    string License, string? Namespace, long Inserted, long Duplicates, long TotalTraceCount, IReadOnlyList<BilledTransaction> Transactions);

/// <summary>A billed transaction and the capture that brought it.</summary>
/// <param name="Sequence">The sequence of the ingest-traces capture that brought it first.</param>
/// <param name="Transaction">The transaction as sent.</param>
public sealed record BilledTransaction(long Sequence, TraceTransaction Transaction);
