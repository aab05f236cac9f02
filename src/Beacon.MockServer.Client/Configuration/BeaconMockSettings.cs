using System.Globalization;
using System.Text.Json;

namespace Beacon.MockServer.Client;

/// <summary>
/// A mock's start-up configuration, typed: each method writes the documented <c>Beacon:*</c> keys, as
/// appsettings.json would hold them, and <see cref="Settings"/> holds every key for what no method covers. The same
/// model configures a mock in the test process (Beacon.MockServer.Testing's <c>BeaconMockOptions</c>) and in a
/// container (Beacon.MockServer.Testcontainers, as environment variables).
/// <code>settings.RequireKnownLicense().AddLicense("lcl_demo").AddFault(new() { Match = new() { Kind = CaptureKind.Verify }, Status = 503, Times = 1 });</code>
/// </summary>
public class BeaconMockSettings
{
    /// <summary>
    /// Configuration keys and values, looked up ignoring case: <c>Settings["Beacon:Store:MaxCaptures"] = "500"</c>. The
    /// methods write here too, so a key set both ways holds what was written last.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuse every license and API key that is not configured (<c>Beacon:RequireKnownLicense</c>), as the real Beacon does.</summary>
    /// <param name="required">False sets it back to accepting any key.</param>
    public BeaconMockSettings RequireKnownLicense(bool required = true) => Set("Beacon:RequireKnownLicense", required);

    /// <summary>
    /// Adds a license (or API key) to <c>Beacon:Licenses</c>. With <see cref="RequireKnownLicense"/>, only added ones are
    /// accepted; a license changed at run time is <see cref="BeaconMockClient.SetLicenseAsync"/>.
    /// </summary>
    /// <param name="key">The license key or API key.</param>
    /// <param name="status">Active (the default), expired or revoked.</param>
    /// <param name="id">The token's <c>sub</c>; without it, a fingerprint of the key.</param>
    /// <param name="orgId">The organization id of <c>/auth</c> and the token's <c>org_id</c>; without it, one derived from the key.</param>
    /// <param name="claims">
    /// Extra token claims: strings, numbers and booleans. Configuration holds text, so a string that reads as
    /// <c>true</c>, <c>false</c> or a number becomes that type in the token.
    /// </param>
    public BeaconMockSettings AddLicense(string key, LicenseStatus status = LicenseStatus.Active, string? id = null, Guid? orgId = null,
        IReadOnlyDictionary<string, object>? claims = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // Checked before anything is written, so a claim of the wrong type leaves no half license behind.
        var texts = (claims ?? new Dictionary<string, object>()).Select(c => (c.Key, Text: Claim(c.Key, c.Value))).ToList();
        var at = Next("Beacon:Licenses");
        Settings[$"{at}:Key"] = key;
        Settings[$"{at}:Status"] = status switch
        {
            LicenseStatus.Active => "active",
            LicenseStatus.Expired => "expired",
            LicenseStatus.Revoked => "revoked",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a license status."),
        };
        Set($"{at}:Id", id);
        Set($"{at}:OrgId", orgId?.ToString("D"));
        foreach (var (name, text) in texts)
            Settings[$"{at}:Claims:{name}"] = text;
        return this;
    }

    /// <summary>
    /// Adds a fault rule to <c>Beacon:Faults</c>: in force from start, and again after every reset. It is the rule
    /// <see cref="BeaconMockClient.AddFaultAsync"/> posts; <c>Match.Namespace</c> scopes it to one namespace.
    /// </summary>
    /// <param name="rule">What to match, what to do, how often. The mock checks it at start, naming the key at fault.</param>
    public BeaconMockSettings AddFault(FaultRuleRequest rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var at = Next("Beacon:Faults");
        Set($"{at}:Match:Kind", rule.Match?.Kind?.Name());
        Set($"{at}:Match:License", rule.Match?.License);
        Set($"{at}:Match:Namespace", rule.Match?.Namespace);
        Set($"{at}:Match:Path", rule.Match?.Path);
        Set($"{at}:Status", rule.Status);
        Set($"{at}:Body", rule.Body?.ToJsonString());
        Set($"{at}:RetryAfter", rule.RetryAfter);
        Set($"{at}:DelayMs", rule.DelayMs);
        Set($"{at}:DropConnection", rule.DropConnection);
        Set($"{at}:PartialSuccess:Rejected", rule.PartialSuccess?.Rejected);
        Set($"{at}:PartialSuccess:Message", rule.PartialSuccess?.Message);
        Set($"{at}:Times", rule.Times);
        Set($"{at}:Probability", rule.Probability?.ToString("R", CultureInfo.InvariantCulture));
        Set($"{at}:Seed", rule.Seed);
        return this;
    }

    /// <summary>How long the tokens verify issues last, from <c>iat</c> to <c>exp</c> (<c>Beacon:Token:LifetimeSeconds</c>).</summary>
    /// <param name="lifetime">Whole seconds, 1 s to 7 days.</param>
    public BeaconMockSettings WithTokenLifetime(TimeSpan lifetime)
    {
        if (lifetime < TimeSpan.FromSeconds(1) || lifetime > TimeSpan.FromDays(7) || lifetime.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A token lifetime is whole seconds, from 1 s to 7 days.");
        return Set("Beacon:Token:LifetimeSeconds", (long)lifetime.TotalSeconds);
    }

    /// <summary>
    /// Signs tokens with HS256 and this shared secret (<c>Beacon:Token:Algorithm</c>, <c>Beacon:Token:HmacSecret</c>)
    /// instead of RS256 with a key published at <c>/.well-known/jwks.json</c>, the default.
    /// </summary>
    /// <param name="secret">At least 32 bytes of UTF-8: the key a client verifies tokens with.</param>
    public BeaconMockSettings WithHs256Tokens(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Settings["Beacon:Token:Algorithm"] = "HS256";
        Settings["Beacon:Token:HmacSecret"] = secret;
        return this;
    }

    /// <summary>
    /// Passes wire requests through to a real Beacon (<c>Beacon:Upstream:Url</c>, <c>Beacon:Upstream:Kinds</c>), answering
    /// with what it answered and capturing each exchange: <c>WithUpstream(new("https://beacon.langchain.com"), CaptureKind.Verify)</c>
    /// gives the product real tokens and leaves the rest to the mock.
    /// </summary>
    /// <param name="url">The upstream's base URL, http or https.</param>
    /// <param name="kinds">Only these kinds are passed through; none for every kind.</param>
    public BeaconMockSettings WithUpstream(Uri url, params CaptureKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(kinds);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"An upstream is an absolute http or https URL (was '{url}').", nameof(url));
        Settings["Beacon:Upstream:Url"] = url.AbsoluteUri;
        foreach (var key in Settings.Keys.Where(k => k.StartsWith("Beacon:Upstream:Kinds:", StringComparison.OrdinalIgnoreCase)).ToList())
            Settings.Remove(key);
        for (var i = 0; i < kinds.Length; i++)
            Settings[$"Beacon:Upstream:Kinds:{i.ToString(CultureInfo.InvariantCulture)}"] = kinds[i].Name();
        return this;
    }

    /// <summary>
    /// Reject OTLP items that break the rules through a partial success (<c>Beacon:Otlp:Strict</c>), rather than keep them
    /// with a finding.
    /// </summary>
    /// <param name="strict">False sets it back to keeping them.</param>
    public BeaconMockSettings WithStrictOtlp(bool strict = true) => Set("Beacon:Otlp:Strict", strict);

    /// <summary>Locks <c>/mock</c> behind <c>Authorization: Bearer</c> (<c>Beacon:Admin:Token</c>); the clients this package's hosts give send it.</summary>
    /// <param name="token">At least 8 characters.</param>
    public BeaconMockSettings WithAdminToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Settings["Beacon:Admin:Token"] = token;
        return this;
    }

    /// <summary>The admin token the settings set, which a client of this mock must send; null when none is set.</summary>
    public string? AdminToken => Settings.TryGetValue("Beacon:Admin:Token", out var token) && !string.IsNullOrEmpty(token) ? token : null;

    /// <summary>The next free index of a list section (<c>Beacon:Licenses:3</c>), after any set through <see cref="Settings"/> too.</summary>
    private string Next(string section)
    {
        var next = 0;
        foreach (var key in Settings.Keys)
        {
            if (key.Length > section.Length + 1 && key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(key.AsSpan(section.Length + 1).ToString().Split(':')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                next = Math.Max(next, index + 1);
        }
        return $"{section}:{next.ToString(CultureInfo.InvariantCulture)}";
    }

    private BeaconMockSettings Set(string key, string? value)
    {
        if (value is not null)
            Settings[key] = value;
        return this;
    }

    private BeaconMockSettings Set(string key, long? value) => Set(key, value?.ToString(CultureInfo.InvariantCulture));

    private BeaconMockSettings Set(string key, bool? value) => Set(key, value switch { null => null, true => "true", false => "false" });

    private static string Claim(string name, object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        int or long or double or decimal or float or short or byte or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } element => element.GetRawText(),
        _ => throw new ArgumentException($"The claim '{name}' is a {value.GetType().Name}: a claim is a string, a number or a boolean.", nameof(value)),
    };
}
