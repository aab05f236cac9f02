namespace Beacon.MockServer.Configuration;

/// <summary>
/// The kernel's settings, bound from the <c>Beacon</c> section: how large a body may be, what the store keeps,
/// how long waits last, the admin token and CORS. Each feature binds its own keys (<c>Beacon:Licenses</c>,
/// <c>Beacon:Token</c>, <c>Beacon:Otlp</c>...) into options of its own.
/// </summary>
internal sealed class BeaconOptions
{
    public const string Section = "Beacon";

    /// <summary>Largest request body a wire route accepts, in bytes, as received and again once decompressed.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    public StoreOptions Store { get; set; } = new();

    public WaitOptions Waits { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public CrossOriginOptions Cors { get; set; } = new();
}

internal sealed class StoreOptions
{
    /// <summary>Most captures kept; the oldest are evicted first.</summary>
    public int MaxCaptures { get; set; } = 10_000;

    /// <summary>Most bytes of captures kept (estimated retained size); the oldest are evicted first, and no one capture is larger.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A body that is not JSON is kept as text, cut to this many bytes.</summary>
    public int MaxTextPayloadBytes { get; set; } = 16 * 1024;
}

internal sealed class WaitOptions
{
    /// <summary>How long a wait lasts when the request gives no <c>timeoutMs</c>.</summary>
    public int DefaultTimeoutMs { get; set; } = 10_000;

    /// <summary>The longest <c>timeoutMs</c> a wait may ask for; a longer one is refused.</summary>
    public int MaxTimeoutMs { get; set; } = 300_000;
}

internal sealed class AdminOptions
{
    /// <summary>When set, every /mock route requires <c>Authorization: Bearer</c> with this token. The wire routes never do.</summary>
    public string? Token { get; set; }
}

/// <summary>Which browser origins may call the mock (Swagger UI on another host, a dashboard); none by default.</summary>
internal sealed class CrossOriginOptions
{
    /// <summary>Origins such as <c>http://localhost:3000</c>, or <c>*</c> for any; empty turns CORS off.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>Whether <paramref name="origin"/> is <c>*</c> or a scheme, host and optional port, with nothing after.</summary>
    public static bool IsValid(string origin) =>
        origin == "*" || Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/" && !origin.EndsWith('/') && uri.Query.Length == 0 && uri.UserInfo.Length == 0;
}
