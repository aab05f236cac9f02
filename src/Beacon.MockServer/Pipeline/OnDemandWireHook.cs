using System.Diagnostics.CodeAnalysis;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// A hook that only a setting turns on, as the pipeline holds it from the start: the hook itself (and what it brings
/// with it: a JWT library, a reverse proxy and its HTTP client) is made at the first request it is asked about once
/// the setting is on, and never while it is off, when the hook would leave every request alone anyway.
/// </summary>
internal sealed class OnDemandWireHook<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THook>(string name, bool on, IServiceProvider services) : IWireHook
    where THook : class, IWireHook
{
    private readonly Lazy<THook> _hook = new(services.GetRequiredService<THook>);

    public string Name => name;

    public WireHookClaim? Claim(Capture capture, WireRoute route, bool decoded) => on ? _hook.Value.Claim(capture, route, decoded) : null;

    public Task<WireHookOutcome> ApplyAsync(WireRequest request, WireHookClaim claim) => _hook.Value.ApplyAsync(request, claim);
}

internal static class OnDemandWireHooks
{
    /// <summary>
    /// Registers <typeparamref name="THook"/> as a wire hook named <paramref name="name"/>, made on demand: only when
    /// <paramref name="on"/> says its setting is on, at the first request. The hook must leave every request alone
    /// (claim none) whenever <paramref name="on"/> is false.
    /// </summary>
    public static IServiceCollection AddOnDemandWireHook<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THook>(this IServiceCollection services, string name, Func<IServiceProvider, bool> on)
        where THook : class, IWireHook
    {
        services.AddSingleton<THook>();
        return services.AddSingleton<IWireHook>(provider => new OnDemandWireHook<THook>(name, on(provider), provider));
    }
}
