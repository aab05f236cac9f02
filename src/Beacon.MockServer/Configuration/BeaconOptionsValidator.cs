using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Configuration;

/// <summary>Checks the kernel's settings at start; every message names the configuration key at fault.</summary>
internal sealed class BeaconOptionsValidator : IValidateOptions<BeaconOptions>
{
    public ValidateOptionsResult Validate(string? name, BeaconOptions options)
    {
        var errors = new List<string>();
        const string S = BeaconOptions.Section;

        if (options.MaxBodyBytes < 1024)
            errors.Add($"{S}:MaxBodyBytes must be at least 1024 (was {options.MaxBodyBytes}).");
        ValidateStore(options.Store, errors);
        ValidateWaits(options.Waits, errors);
        if (options.Admin.Token is { } token && (string.IsNullOrWhiteSpace(token) || token.Length < 8))
            errors.Add($"{S}:Admin:Token must be at least 8 characters when set.");
        for (var i = 0; i < options.Cors.Origins.Count; i++)
        {
            if (!CrossOriginOptions.IsValid(options.Cors.Origins[i]))
                errors.Add($"{S}:Cors:Origins:{i} must be * or an origin such as http://localhost:3000 (was '{options.Cors.Origins[i]}').");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
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
