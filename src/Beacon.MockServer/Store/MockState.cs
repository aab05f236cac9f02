namespace Beacon.MockServer.Store;

/// <summary>State a feature keeps beside the captures (licenses changed, fault rules, a ledger), put back by <c>POST /mock/reset</c>.</summary>
internal interface IResettable
{
    /// <summary>Back to the start-up configuration; with <paramref name="ns"/>, only what belongs to that namespace.</summary>
    void Reset(string? ns);
}

/// <summary>State built from the captures of one kind, cleared when those captures are deleted.</summary>
internal interface ICaptureDerived
{
    string Kind { get; }

    void Clear(string? ns);
}
