namespace Beacon.MockServer.Store;

/// <summary>
/// Told about each capture once, when it completes: the first time the store holds it with a status (the response
/// started, or the request ended without one). Called by the store outside its lock, on the request's own thread,
/// before the response reaches the client; what it answers is added to the capture as findings, so a client that
/// has its answer finds them there. It runs on every wire request: keep it cheap, and never throw.
/// </summary>
internal interface ICaptureObserver
{
    /// <returns>Findings to add to the capture; empty for none.</returns>
    IReadOnlyList<Finding> Completed(Capture capture);
}
