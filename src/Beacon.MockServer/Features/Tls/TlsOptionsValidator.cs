using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// Checks <c>Beacon:Tls</c> at start: both paths or neither, and, when the files exist, that they hold a CA
/// that is valid now and the key that matches it. Every message names the key at fault.
/// </summary>
internal sealed class TlsOptionsValidator(TimeProvider clock) : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var certificateSet = !string.IsNullOrWhiteSpace(options.CaCertificatePath);
        var keySet = !string.IsNullOrWhiteSpace(options.CaKeyPath);
        if (certificateSet != keySet)
        {
            var (set, unset) = certificateSet ? (TlsOptions.CertificateKey, TlsOptions.KeyKey) : (TlsOptions.KeyKey, TlsOptions.CertificateKey);
            return ValidateOptionsResult.Fail($"{TlsOptions.CertificateKey} and {TlsOptions.KeyKey} must be set together ({set} is set, {unset} is not).");
        }
        if (!options.HasPaths)
            return ValidateOptionsResult.Success;

        var errors = new List<string>();
        switch (File.Exists(options.CaCertificatePath), File.Exists(options.CaKeyPath))
        {
            case (false, false):
                // Generated and written at start.
                break;
            case (true, false):
                errors.Add(OnlyOne(TlsOptions.KeyKey, options.CaKeyPath!, TlsOptions.CertificateKey));
                break;
            case (false, true):
                errors.Add(OnlyOne(TlsOptions.CertificateKey, options.CaCertificatePath!, TlsOptions.KeyKey));
                break;
            default:
                CaFiles.Read(options, clock.GetUtcNow(), errors)?.Dispose();
                break;
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(CaFiles.Join(errors));
    }

    private static string OnlyOne(string missingKey, string missingPath, string presentKey) =>
        $"{missingKey} names a file that does not exist ({missingPath}) while the file {presentKey} names does: "
        + "give both files, or remove both to have a new CA generated and written there.";
}
