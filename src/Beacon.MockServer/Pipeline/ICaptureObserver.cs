using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// Told about each wire request's capture once, as the pipeline built it at receipt (its payload as decoded there,
/// nothing read back from the store), just after the store numbered it: what it answers is added to the capture as
/// findings as it completes, after the route's own, before a wait for completed captures wakes. Called on the request's
/// own thread, before the hooks act and the route runs, for every wire request: keep it cheap, and never throw.
/// </summary>
internal interface ICaptureObserver
{
    /// <returns>Findings to add to the capture; empty for none.</returns>
    IReadOnlyList<Finding> Received(Capture capture);
}
