using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>Certificates a user might bring: their own CA, a server certificate of their own, and broken ones.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Authority(DateTimeOffset notBefore, DateTimeOffset notAfter, bool isAuthority = true,
        X509KeyUsageFlags usage = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, AsymmetricAlgorithm? key = null)
    {
        using var ecdsa = key is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var request = key is RSA rsa
            ? new CertificateRequest("CN=Test CA", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=Test CA", ecdsa ?? (ECDsa)key!, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isAuthority, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>A self-signed server certificate for <paramref name="name"/>, as a user would configure for an endpoint.</summary>
    public static X509Certificate2 Server(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>Writes the certificate and its key as two PEM files.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, PrivateKeyPem(certificate));
    }

    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()!;
        return key.ExportPkcs8PrivateKeyPem();
    }
}
