using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Billing;

/// <summary>What the billing ledger keeps: <c>Beacon:Store:MaxTransactions</c>, beside the store's own caps.</summary>
internal sealed class BillingOptions
{
    public const string Section = "Beacon:Store";

    /// <summary>Most ingested billing transactions remembered for deduplication and the billing view.</summary>
    public int MaxTransactions { get; set; } = 100_000;
}

internal sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    public ValidateOptionsResult Validate(string? name, BillingOptions options) =>
        options.MaxTransactions < 1
            ? ValidateOptionsResult.Fail($"{BillingOptions.Section}:MaxTransactions must be at least 1 (was {options.MaxTransactions}).")
            : ValidateOptionsResult.Success;
}
