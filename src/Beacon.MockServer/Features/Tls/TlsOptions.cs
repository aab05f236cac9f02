namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// Where the mock's certificate authority lives (<c>Beacon:Tls</c>). Without paths a CA is generated at each
/// start and lives in memory; with them it is loaded from the two PEM files, or generated and written there
/// when neither exists yet, so that a volume keeps it across restarts.
/// </summary>
internal sealed class TlsOptions
{
    public const string Section = "Beacon:Tls";
    public const string CertificateKey = $"{Section}:{nameof(CaCertificatePath)}";
    public const string KeyKey = $"{Section}:{nameof(CaKeyPath)}";

    /// <summary>A PEM file holding the CA certificate: what clients trust.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>A PEM file holding the CA's unencrypted private key (ECDSA or RSA), readable by its owner only.</summary>
    public string? CaKeyPath { get; set; }

    /// <summary>Whether the CA has files at all; an empty value (an unset environment variable in compose) counts as unset.</summary>
    public bool HasPaths => !string.IsNullOrWhiteSpace(CaCertificatePath) && !string.IsNullOrWhiteSpace(CaKeyPath);
}
