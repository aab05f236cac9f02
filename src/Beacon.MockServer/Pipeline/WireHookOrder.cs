
namespace Beacon.MockServer.Pipeline;

/// <summary>The order hooks are asked in, by name: the composition root's to give, the one place it is stated.</summary>
internal sealed record WireHookOrder(IReadOnlyList<string> Names)
{
    /// <summary>The hooks in this order; a hook the order does not name is a mistake of the composition root.</summary>
    public IWireHook[] Sort(IEnumerable<IWireHook> hooks) =>
        [.. hooks.OrderBy(hook => Names.ToList().IndexOf(hook.Name) is var i and >= 0 ? i
            : throw new InvalidOperationException($"The wire hook '{hook.Name}' is not in the hook order ({string.Join(", ", Names)})."))];
}
