namespace Beacon.MockServer.Store;

/// <summary>State built from the captures of one kind, cleared when those captures are deleted.</summary>
internal interface ICaptureDerived
{
    string Kind { get; }

    void Clear(string? ns);
}
