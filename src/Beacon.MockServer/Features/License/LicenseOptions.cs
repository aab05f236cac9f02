using System.Text.Json.Serialization;
using Beacon.MockServer.Configuration;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.License;

/// <summary>The license policy's options: <c>Beacon:RequireKnownLicense</c> and the licenses of <c>Beacon:Licenses</c>.</summary>
internal sealed class LicenseOptions
{
    /// <summary>The section these keys sit in, beside the kernel's own.</summary>
    public const string Section = "Beacon";

    /// <summary>When true, a license or API key that is not in <see cref="Licenses"/> is refused.</summary>
    public bool RequireKnownLicense { get; set; }

    /// <summary>Licenses (and API keys, which follow the same policy) known at start.</summary>
    public List<ConfiguredLicense> Licenses { get; set; } = [];
}

/// <summary>One license of <c>Beacon:Licenses</c>.</summary>
internal sealed class ConfiguredLicense
{
    public string Key { get; set; } = "";

    /// <summary>active, expired or revoked. Text, not an enum: the binder silently drops a list item whose enum does not parse.</summary>
    public string Status { get; set; } = "active";

    /// <summary>The token's <c>sub</c>; without it, a fingerprint of the key stands in.</summary>
    public string? Id { get; set; }

    /// <summary>The organization id answered by <c>/auth</c> and put in the token as <c>org_id</c>.</summary>
    public string? OrgId { get; set; }

    /// <summary>Extra token claims, as text (see <see cref="LicenseClaims.FromText"/>).</summary>
    public Dictionary<string, string> Claims { get; set; } = [];
}

internal enum LicenseStatus
{
    [JsonStringEnumMemberName("active")]
    Active,

    [JsonStringEnumMemberName("expired")]
    Expired,

    [JsonStringEnumMemberName("revoked")]
    Revoked,
}

internal static class LicenseStatuses
{
    /// <summary>Reads active, expired or revoked, ignoring case; never a number, which Enum.TryParse would take.</summary>
    public static bool TryParse(string? text, out LicenseStatus status)
    {
        status = default;
        return Enum.GetNames<LicenseStatus>().Contains(text, StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(text, ignoreCase: true, out status);
    }
}

/// <summary>Checks the configured licenses at start; each message names the license's key as configured.</summary>
internal sealed class LicenseOptionsValidator(IConfiguration configuration) : IValidateOptions<LicenseOptions>
{
    public ValidateOptionsResult Validate(string? name, LicenseOptions options)
    {
        var errors = new List<string>();
        var keys = ConfiguredKeys.Of(configuration, $"{LicenseOptions.Section}:Licenses", options.Licenses.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Licenses.Count; i++)
        {
            var (key, license) = (keys[i], options.Licenses[i]);
            if (string.IsNullOrWhiteSpace(license.Key))
                errors.Add($"{key}:Key must be a non-empty string.");
            else if (!seen.Add(license.Key))
                errors.Add($"{key}:Key repeats a license configured earlier.");
            if (!LicenseStatuses.TryParse(license.Status, out _))
                errors.Add($"{key}:Status must be one of active, expired, revoked (was '{license.Status}').");
            if (license.OrgId is not null && !Guid.TryParse(license.OrgId, out _))
                errors.Add($"{key}:OrgId must be a UUID.");
            foreach (var claim in license.Claims.Keys.Where(LicenseClaims.Reserved.Contains))
                errors.Add($"{key}:Claims:{claim} is set by the mock itself and cannot be configured.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
