using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>The hooks run in the order the composition root names them, and a hook it does not name is a mistake said at once.</summary>
public sealed class WireHookOrderTests
{
    [Fact]
    public void Sort_PutsTheHooksInTheOrderOfTheirNames_WhateverTheOrderTheyWereRegisteredIn()
    {
        var order = new WireHookOrder(["data-plane", "faults", "upstream"]);

        var sorted = order.Sort([new Hook("upstream"), new Hook("data-plane"), new Hook("faults")]);

        Assert.Equal(["data-plane", "faults", "upstream"], sorted.Select(h => h.Name));
    }

    [Fact]
    public void Sort_AHookTheOrderDoesNotName_FailsNamingItAndTheOrder()
    {
        var order = new WireHookOrder(["faults"]);

        var error = Assert.Throws<InvalidOperationException>(() => order.Sort([new Hook("faults"), new Hook("audit")]));

        Assert.Equal("The wire hook 'audit' is not in the hook order (faults).", error.Message);
    }

    private sealed class Hook(string name) : IWireHook
    {
        public string Name => name;

        public WireHookClaim? Claim(Capture capture, WireRoute route, bool decoded) => null;

        public Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim) => Task.FromResult(WireHookOutcome.Continue);
    }
}
