using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Http;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// The mock's own CA, which signs the certificate of every host name a client asks for. Opened once, at start
/// (a hosted service, so that a bad file or an unwritable path stops the server before it listens): loaded from
/// <c>Beacon:Tls</c>'s files, generated and written there, or generated for this run only.
/// </summary>
internal sealed class CertificateAuthority : IHostedService, IOwnCertificateAuthority
{
    private readonly Lazy<(X509Certificate2 Certificate, string Pem)> _authority;

    public CertificateAuthority(IOptions<TlsOptions> options, TimeProvider clock, ILogger<CertificateAuthority> logger) =>
        _authority = new(() =>
        {
            var certificate = Open(options.Value, clock.GetUtcNow(), logger);
            return (certificate, certificate.ExportCertificatePem() + "\n");
        });

    /// <summary>The CA certificate with its private key: it signs leaves and is never served or logged as it is.</summary>
    public X509Certificate2 Certificate => _authority.Value.Certificate;

    /// <summary>The CA certificate alone, as PEM: what a client trusts.</summary>
    public string CertificatePem => _authority.Value.Pem;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _authority.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// "AB:CD:…", the SHA-256 fingerprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it, so a user
    /// can check that the file a client trusts is the CA this server uses.
    /// </summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)));

    private static X509Certificate2 Open(TlsOptions options, DateTimeOffset now, ILogger logger)
    {
        if (!options.HasPaths)
        {
            var generated = CertificateProfiles.NewAuthority(now);
            TlsLog.Generated(logger, generated.Subject, Fingerprint(generated));
            return generated;
        }
        if (!File.Exists(options.CaCertificatePath) && !File.Exists(options.CaKeyPath))
        {
            var written = CertificateProfiles.NewAuthority(now);
            CaFiles.Write(options, written);
            TlsLog.Written(logger, options.CaCertificatePath!, options.CaKeyPath!, written.Subject, Fingerprint(written));
            return written;
        }
        // Checked by TlsOptionsValidator at start already; read again here, and refused the same way if the
        // files changed in between.
        var errors = new List<string>();
        var loaded = CaFiles.Read(options, now, errors)
            ?? throw new OptionsValidationException(TlsOptions.Section, typeof(TlsOptions), [CaFiles.Join(errors)]);
        TlsLog.Loaded(logger, options.CaCertificatePath!, loaded.Subject, Fingerprint(loaded));
        return loaded;
    }
}
