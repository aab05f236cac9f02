using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// The CA as two PEM files: read and checked (every problem named by its configuration key), or written once,
/// the key readable by its owner only and the certificate by anyone, so a client container can mount it.
/// </summary>
internal static class CaFiles
{
    /// <summary>
    /// The most read of either file. A PEM certificate or key is a few kilobytes; a path that names something else
    /// (a disk image, <c>/dev/zero</c>) must not be read whole before it is refused.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode EveryoneReads = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode EveryoneEntersFolder = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// Several problems as one message: <see cref="ValidateOptionsResult.Fail(IEnumerable{string})"/> would join
    /// sentences that end in a full stop with "; ", which reads "(ca.pem).; Beacon:Tls:…".
    /// </summary>
    public static string Join(IEnumerable<string> errors) => string.Join(" ", errors);

    /// <summary>The CA with its private key, or null with the reasons added to <paramref name="errors"/>.</summary>
    public static X509Certificate2? Read(TlsOptions options, DateTimeOffset now, List<string> errors)
    {
        const string C = TlsOptions.CertificateKey, K = TlsOptions.KeyKey;
        string certificatePath = options.CaCertificatePath!, keyPath = options.CaKeyPath!;
        using var certificate = ReadCertificate(certificatePath, errors);
        if (certificate is null)
            return null;

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            errors.Add($"{C} holds a certificate that is not a CA: it lacks basicConstraints CA:true ({certificatePath}).");
        if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
            errors.Add($"{C} holds a certificate whose key usage does not include keyCertSign, so it cannot sign certificates ({certificatePath}).");
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            errors.Add($"{C} holds a certificate valid from {certificate.NotBefore.ToUniversalTime():O} to {certificate.NotAfter.ToUniversalTime():O}, not now ({now.UtcDateTime:O}).");
        if (errors.Count > 0)
            return null;

        return ReadText(K, keyPath, errors) is { } keyPem ? WithKey(certificate, keyPem, errors, keyPath) : null;
    }

    /// <summary>Writes the key (owner-only) and then the certificate, each to a new file, creating their directories.</summary>
    public static void Write(TlsOptions options, X509Certificate2 authority)
    {
        using var key = (AsymmetricAlgorithm?)authority.GetECDsaPrivateKey() ?? authority.GetRSAPrivateKey()!;
        // The key first: if the process stops between the two, the next start names the missing certificate
        // rather than serving a CA whose key is gone.
        // A new folder for the key is its owner's alone (0700, never wider, whatever the umask): in a folder others may
        // write to, the key could be swapped. New folders above it, and the certificate's, are 0755: clients reach the
        // certificate through them.
        WriteNew(TlsOptions.KeyKey, options.CaKeyPath!, key.ExportPkcs8PrivateKeyPem(), OwnerOnly, OwnerOnlyFolder);
        WriteNew(TlsOptions.CertificateKey, options.CaCertificatePath!, authority.ExportCertificatePem() + "\n", EveryoneReads, EveryoneEntersFolder);
    }

    private static X509Certificate2? ReadCertificate(string path, List<string> errors)
    {
        if (ReadText(TlsOptions.CertificateKey, path, errors) is not { } pem)
            return null;
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            errors.Add($"{TlsOptions.CertificateKey} names a file that holds no PEM certificate ({path}).");
            return null;
        }
    }

    /// <summary>The file's text, read no further than <see cref="MaxFileBytes"/>; null with the reason added to <paramref name="errors"/>.</summary>
    private static string? ReadText(string setting, string path, List<string> errors)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            // A device or a pipe has no length to check: read one byte past the cap, and no more.
            var buffer = new byte[MaxFileBytes + 1];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > MaxFileBytes)
            {
                errors.Add($"{setting} names a file larger than {MaxFileBytes / 1024 / 1024} MiB ({path}), the most read of a PEM certificate or key: "
                    + "name the PEM file itself.");
                return null;
            }
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{setting} names a file that cannot be read ({path}: {e.Message.TrimEnd('.')}).");
            return null;
        }
    }

    private static X509Certificate2? WithKey(X509Certificate2 certificate, string keyPem, List<string> errors, string keyPath)
    {
        const string K = TlsOptions.KeyKey;
        using AsymmetricAlgorithm? key = certificate.GetKeyAlgorithm() switch
        {
            "1.2.840.10045.2.1" => ECDsa.Create(),
            "1.2.840.113549.1.1.1" => RSA.Create(),
            _ => null,
        };
        if (key is null)
        {
            errors.Add($"{TlsOptions.CertificateKey} holds a certificate whose key is neither ECDSA nor RSA.");
            return null;
        }
        try
        {
            key.ImportFromPem(keyPem);
            // A PEM "PUBLIC KEY" imports too; only signing tells it from a private key.
            _ = key is RSA r ? r.SignData([0], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) : ((ECDsa)key).SignData([0], HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            errors.Add($"{K} names a file that holds no unencrypted {(key is RSA ? "RSA" : "ECDSA")} private key in PEM ({keyPath}).");
            return null;
        }
        try
        {
            return key is RSA rsa ? certificate.CopyWithPrivateKey(rsa) : certificate.CopyWithPrivateKey((ECDsa)key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            errors.Add($"{K} names a file whose key is not the private key of the certificate {TlsOptions.CertificateKey} names ({keyPath}).");
            return null;
        }
    }

    private static void WriteNew(string setting, string path, string text, UnixFileMode mode, UnixFileMode folderMode)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                // Only folders that do not exist yet are created, and with these modes (less what the umask takes):
                // an existing folder, a mounted volume among them, keeps its own.
                if (Path.GetDirectoryName(folder) is { } parent)
                    Directory.CreateDirectory(parent, EveryoneEntersFolder);
                Directory.CreateDirectory(folder, folderMode);
            }
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                file.UnixCreateMode = mode;
            using (var writer = new StreamWriter(path, file))
                writer.Write(text);
            // The umask may have taken bits from the certificate's 0644; the key is never wider than 0600.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, mode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(TlsOptions.Section, typeof(TlsOptions),
                [$"{setting} names a file that cannot be written ({path}: {e.Message.TrimEnd('.')})."]);
        }
    }
}
