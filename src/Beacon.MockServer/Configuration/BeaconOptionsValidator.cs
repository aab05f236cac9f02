using System.Text;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Features.License;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Configuration;

/// <summary>Checks the settings at start; every message names the configuration key at fault.</summary>
public sealed class BeaconOptionsValidator(IConfiguration configuration) : IValidateOptions<BeaconOptions>
{
    public ValidateOptionsResult Validate(string? name, BeaconOptions options)
    {
        var errors = new List<string>();
        const string S = BeaconOptions.Section;

        if (options.MaxBodyBytes < 1024)
            errors.Add($"{S}:MaxBodyBytes must be at least 1024 (was {options.MaxBodyBytes}).");

        ValidateLicenses(options.Licenses, ConfiguredKeys(nameof(options.Licenses), options.Licenses.Count), errors);
        ValidateToken(options.Token, errors);
        ValidateStore(options.Store, errors);
        ValidateWaits(options.Waits, errors);
        if (options.Admin.Token is { } token && (string.IsNullOrWhiteSpace(token) || token.Length < 8))
            errors.Add($"{S}:Admin:Token must be at least 8 characters when set.");
        FaultConfiguration.Validate(options.Faults, ConfiguredKeys(nameof(options.Faults), options.Faults.Count), errors);
        for (var i = 0; i < options.Cors.Origins.Count; i++)
        {
            if (!CorsSettings.IsValid(options.Cors.Origins[i]))
                errors.Add($"{S}:Cors:Origins:{i} must be * or an origin such as http://localhost:3000 (was '{options.Cors.Origins[i]}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// The configuration key of each item of a bound list, as configured: the binder packs <c>:0</c> and
    /// <c>:2</c> into positions 0 and 1, but a message about the second must say <c>:2</c>.
    /// </summary>
    private IReadOnlyList<string> ConfiguredKeys(string list, int count)
    {
        var children = configuration.GetSection($"{BeaconOptions.Section}:{list}").GetChildren().Select(c => c.Path).ToList();
        return children.Count == count ? children : [.. Enumerable.Range(0, count).Select(i => $"{BeaconOptions.Section}:{list}:{i}")];
    }

    private static void ValidateLicenses(List<LicenseOptions> licenses, IReadOnlyList<string> keys, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < licenses.Count; i++)
        {
            var key = keys[i];
            var license = licenses[i];
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
    }

    private static void ValidateToken(TokenOptions token, List<string> errors)
    {
        const string K = $"{BeaconOptions.Section}:Token";
        if (token.LifetimeSeconds is < 1 or > TokenOptions.MaxLifetimeSeconds)
            errors.Add($"{K}:LifetimeSeconds must be between 1 and {TokenOptions.MaxLifetimeSeconds} (was {token.LifetimeSeconds}).");
        if (string.IsNullOrWhiteSpace(token.Issuer))
            errors.Add($"{K}:Issuer must be a non-empty string.");
        if (string.IsNullOrWhiteSpace(token.Audience))
            errors.Add($"{K}:Audience must be a non-empty string.");

        switch (token.Algorithm)
        {
            case "RS256":
                if (token.SigningKeyPath is { } path && !File.Exists(path))
                    errors.Add($"{K}:SigningKeyPath names a file that does not exist ({path}).");
                break;
            case "HS256":
                if (token.HmacSecret is null || Encoding.UTF8.GetByteCount(token.HmacSecret) < 32)
                    errors.Add($"{K}:HmacSecret must be at least 32 bytes when {K}:Algorithm is HS256.");
                break;
            default:
                errors.Add($"{K}:Algorithm must be RS256 or HS256 (was '{token.Algorithm}').");
                break;
        }
    }

    private static void ValidateStore(StoreOptions store, List<string> errors)
    {
        const string K = $"{BeaconOptions.Section}:Store";
        if (store.MaxCaptures < 1)
            errors.Add($"{K}:MaxCaptures must be at least 1 (was {store.MaxCaptures}).");
        if (store.MaxBytes < 64 * 1024)
            errors.Add($"{K}:MaxBytes must be at least 65536 (was {store.MaxBytes}).");
        if (store.MaxTextPayloadBytes < 0)
            errors.Add($"{K}:MaxTextPayloadBytes must not be negative (was {store.MaxTextPayloadBytes}).");
        if (store.MaxTransactions < 1)
            errors.Add($"{K}:MaxTransactions must be at least 1 (was {store.MaxTransactions}).");
    }

    private static void ValidateWaits(WaitOptions waits, List<string> errors)
    {
        const string K = $"{BeaconOptions.Section}:Waits";
        if (waits.MaxTimeoutMs < 1)
            errors.Add($"{K}:MaxTimeoutMs must be at least 1 (was {waits.MaxTimeoutMs}).");
        if (waits.DefaultTimeoutMs < 1 || waits.DefaultTimeoutMs > waits.MaxTimeoutMs)
            errors.Add($"{K}:DefaultTimeoutMs must be between 1 and {K}:MaxTimeoutMs ({waits.MaxTimeoutMs}) (was {waits.DefaultTimeoutMs}).");
    }
}
