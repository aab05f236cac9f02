namespace Beacon.MockServer.Store;

/// <summary>State a feature keeps beside the captures (licenses changed, fault rules, a ledger), put back by <c>POST /mock/reset</c>.</summary>
internal interface IResettable
{
    /// <summary>Back to the start-up configuration; with <paramref name="ns"/>, only what belongs to that namespace.</summary>
    void Reset(string? ns);
}
