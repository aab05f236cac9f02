using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Beacon.MockServer.Features.Tls;

/// <summary>The two kinds of certificate the mock makes: its CA, and the short-lived leaves that CA signs.</summary>
internal static class CertificateProfiles
{
    /// <summary>How long a generated CA lasts: long enough that a kept CA never needs replacing during a project.</summary>
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);

    /// <summary>Leaves start this long before now, for clients whose clocks run behind the mock's.</summary>
    public static readonly TimeSpan LeafBackdating = TimeSpan.FromHours(1);

    /// <summary>Short-lived, as a leaf should be, yet longer than any test run; renewed a day before the end.</summary>
    public static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(7);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    /// <summary>A new ECDSA P-256 CA: CA:true with no intermediates below it, allowed only to sign certificates and CRLs.</summary>
    public static X509Certificate2 NewAuthority(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A random suffix tells two CAs apart in a trust store, where clients look issuers up by name.
        var subject = $"CN=Beacon.MockServer CA {RandomNumberGenerator.GetHexString(8, lowercase: true)}, O=Beacon.MockServer (test double)";
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now - TimeSpan.FromDays(1), now + AuthorityLifetime);
    }

    /// <summary>
    /// A leaf for <paramref name="identity"/>, signed by <paramref name="authority"/> (which holds its private key):
    /// CA:false, digitalSignature, serverAuth, the names as SANs. Its lifetime is clipped to the CA's, since no
    /// client accepts a leaf that outlives its issuer; null when the CA is not valid at <paramref name="now"/>.
    /// </summary>
    public static X509Certificate2? NewLeaf(X509Certificate2 authority, ServerIdentity identity, DateTimeOffset now)
    {
        var notBefore = Max(now - LeafBackdating, authority.NotBefore.ToUniversalTime());
        var notAfter = Min(now + LeafLifetime, authority.NotAfter.ToUniversalTime());
        if (notAfter <= now || notBefore > now)
            return null;

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={identity.CommonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], critical: false));
        request.CertificateExtensions.Add(identity.SubjectAlternativeNames());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        using var ecdsa = authority.GetECDsaPrivateKey();
        using var rsa = ecdsa is null ? authority.GetRSAPrivateKey() : null;
        var signer = ecdsa is not null ? X509SignatureGenerator.CreateForECDsa(ecdsa)
            : rsa is not null ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : throw new InvalidOperationException("The CA has no ECDSA or RSA private key.");
        using var signed = request.Create(authority.SubjectName, signer, notBefore, notAfter, SerialNumber());
        using var withKey = signed.CopyWithPrivateKey(key);
        // Through PKCS#12 once: SslStream on Windows (and macOS) refuses the ephemeral key CertificateRequest
        // leaves behind; a loaded PKCS#12 key is one every platform's TLS stack accepts.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>16 random bytes, positive: serial numbers must be unique per CA and unpredictable.</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
