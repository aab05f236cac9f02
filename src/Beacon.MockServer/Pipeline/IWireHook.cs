using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// Something that may answer a wire request instead of its route: a fault rule, the upstream Beacon. Hooks are asked
/// in the order the composition root gives their names (<see cref="WireHookOrder"/>), at receipt (<see cref="Claim"/>,
/// before the capture is stored, so the capture carries what the hook decided from the start) and then after it
/// (<see cref="ApplyAsync"/>).
/// </summary>
internal interface IWireHook
{
    /// <summary>The name <see cref="WireHookOrder"/> orders it by.</summary>
    string Name { get; }

    /// <summary>Whether this hook takes the request; null when it leaves it alone. Called once a request, in order.</summary>
    /// <param name="decoded">Whether the route could read the body.</param>
    WireHookClaim? Claim(Capture capture, WireRoute route, bool decoded);

    /// <summary>
    /// Answers, delays or lets the request go on, as the claim says. A hook that leaves the answer to the route with
    /// an outcome of its own sets it on the request (<see cref="WireRequest.PartialSuccess"/>) and continues.
    /// </summary>
    Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim);
}

/// <summary>What a hook decided at receipt; <see cref="Annotate"/> writes it into the capture before it is stored.</summary>
internal abstract class WireHookClaim
{
    public virtual Capture Annotate(Capture capture) => capture;
}

internal enum WireHookOutcome
{
    /// <summary>The hook answered (or dropped) the request: nothing after it runs.</summary>
    Answered,

    /// <summary>The later hooks and the route go on.</summary>
    Continue,
}
