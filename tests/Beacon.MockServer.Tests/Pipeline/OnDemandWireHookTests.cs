using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.MockServer.Tests.Pipeline;

/// <summary>
/// A hook a setting turns on (pass-through, data-plane verification) is made at the first request once it is on, never
/// at start and never while it is off: the pipeline holds a stand-in that answers for it.
/// </summary>
public sealed class OnDemandWireHookTests
{
    [Fact]
    public void Off_ClaimsNothing_AndTheHookIsNeverMade()
    {
        using var services = Services(on: false);
        var made = services.GetRequiredService<Made>();

        var hook = Assert.Single(services.GetServices<IWireHook>());
        var claim = hook.Claim(null!, null!, decoded: true);

        Assert.Equal("counted", hook.Name);
        Assert.Null(claim);
        Assert.Equal(0, made.Count);
    }

    [Fact]
    public async Task On_TheHookIsMadeAtTheFirstClaim_OnceAndNotBefore_AndAnswersAsItself()
    {
        using var services = Services(on: true);
        var made = services.GetRequiredService<Made>();

        var hook = Assert.Single(services.GetServices<IWireHook>());
        Assert.Equal(0, made.Count);

        var first = hook.Claim(null!, null!, decoded: true);
        var second = hook.Claim(null!, null!, decoded: false);
        var outcome = await hook.ApplyAsync(null!, first!);

        Assert.Equal(1, made.Count);
        Assert.Equal("claimed (decoded: True)", Assert.IsType<CountedHook.Claimed>(first).Text);
        Assert.Equal("claimed (decoded: False)", Assert.IsType<CountedHook.Claimed>(second).Text);
        Assert.Equal(WireHookOutcome.Answered, outcome);
    }

    private static ServiceProvider Services(bool on)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Made>();
        services.AddOnDemandWireHook<CountedHook>("counted", _ => on);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private sealed class Made
    {
        public int Count { get; set; }
    }

    private sealed class CountedHook : IWireHook
    {
        public CountedHook(Made made) => made.Count++;

        public string Name => "counted";

        public WireHookClaim? Claim(Capture capture, WireRoute route, bool decoded) => new Claimed($"claimed (decoded: {decoded})");

        public Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim) =>
            Task.FromResult(claim is Claimed ? WireHookOutcome.Answered : WireHookOutcome.Continue);

        public sealed class Claimed(string text) : WireHookClaim
        {
            public string Text => text;
        }
    }
}
