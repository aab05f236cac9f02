using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// Something that may answer a wire request instead of its route: a fault rule, the upstream Beacon. Hooks are
/// asked in order of <see cref="Order"/>, at receipt (<see cref="Claim"/>, before the capture is stored, so the
/// capture carries what the hook decided from the start) and then after it (<see cref="ApplyAsync"/>).
/// </summary>
internal interface IWireHook
{
    int Order { get; }

    /// <summary>Whether this hook takes the request; null when it leaves it alone. Called once a request, in order.</summary>
    /// <param name="decoded">Whether the route could read the body.</param>
    WireHookClaim? Claim(Capture capture, bool decoded);

    /// <summary>Answers, delays or lets the request go on, as the claim says.</summary>
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

    /// <summary>The route goes on, the later hooks do not (a fault's partial success is the route's to answer).</summary>
    RouteOnly,
}
