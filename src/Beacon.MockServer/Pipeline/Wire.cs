
namespace Beacon.MockServer.Pipeline;

/// <summary>
/// What a wire handler receives: the body its route's format decoded, typed, and the request it came in. Bound from
/// what the pipeline decoded at receipt, so nothing is parsed twice and nothing is cast by the handler.
/// </summary>
internal sealed class Wire<T>(WireRequest request, T body)
    where T : class
{
    public WireRequest Request { get; } = request;

    public T Body { get; } = body;

    /// <summary>The accepted license of a route whose credential is required: present whenever the handler runs.</summary>
    public LicenseVerdict License => Request.License
        ?? throw new InvalidOperationException($"The {Request.Kind} route's handler ran without a license verdict.");

    /// <summary>Minimal APIs bind this parameter from the request the pipeline set.</summary>
    public static ValueTask<Wire<T>?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Features.Get<WireRequest>() is { Decoded: T body } request ? new Wire<T>(request, body) : null);
}
