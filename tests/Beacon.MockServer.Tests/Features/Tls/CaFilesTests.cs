using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Features.Tls;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Beacon.MockServer.Tests.Features.Tls;

/// <summary>
/// With Beacon:Tls's two paths set, the CA lives in files: written at the first start (the key owner-only),
/// loaded at every later one, and refused at start, naming the setting, when the files are not a usable CA.
/// </summary>
public sealed class CaFilesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("beacon-tls-");
    private readonly FakeTimeProvider _clock = new(BeaconApplication.Start);

    public void Dispose() => _directory.Delete(recursive: true);

    private string Certificate => Path.Combine(_directory.FullName, "volume", "ca.pem");

    private string Key => Path.Combine(_directory.FullName, "volume", "private", "ca.key");

    private TlsOptions Paths => new() { CaCertificatePath = Certificate, CaKeyPath = Key };

    [Fact]
    public async Task PathsThatHoldNothingYet_AreWrittenAtTheFirstStart_AndTheSameCaIsLoadedAtTheNext()
    {
        var settings = new Dictionary<string, string?> { [TlsOptions.CertificateKey] = Certificate, [TlsOptions.KeyKey] = Key };
        string served, fingerprint;
        using (var first = new BeaconApplication(settings))
        {
            served = await first.CreateClient().GetStringAsync("/mock/tls/ca.pem");
            fingerprint = LoggedFingerprint(first, "generated a CA and wrote it to");
        }
        Assert.Equal(served, File.ReadAllText(Certificate));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Key));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Certificate));
        }

        using var second = new BeaconApplication(settings);
        Assert.Equal(served, await second.CreateClient().GetStringAsync("/mock/tls/ca.pem"));
        Assert.Equal(fingerprint, LoggedFingerprint(second, "loaded the CA from"));
        // The key on disk is the one that signs: a leaf the second server issues chains to the CA the first wrote.
        var leaf = second.Services.GetRequiredService<LeafCertificates>().For("beacon.langchain.com", null)!;
        using var authority = X509Certificate2.CreateFromPem(served);
        Assert.True(TrustingClient.IsTrusted(leaf, default, authority, second.Clock.GetUtcNow()));
    }

    [Fact]
    public void AnRsaCaOfTheUsersOwn_IsLoaded_AndSignsTheLeaves()
    {
        using var rsa = RSA.Create(2048);
        using var own = TestCertificates.Authority(BeaconApplication.Start.AddDays(-1), BeaconApplication.Start.AddYears(1), key: rsa);
        Directory.CreateDirectory(Path.GetDirectoryName(Key)!);
        TestCertificates.WritePem(own, Certificate, Key);
        var authority = new CertificateAuthority(Options.Create(Paths), _clock, NullLogger<CertificateAuthority>.Instance);

        var leaf = new LeafCertificates(authority, _clock, NullLogger<LeafCertificates>.Instance).For("beacon.langchain.com", null)!;

        Assert.Equal(own.Thumbprint, authority.Certificate.Thumbprint);
        Assert.True(TrustingClient.IsTrusted(leaf, default, own, _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("only the certificate", "Beacon:Tls:CaKeyPath names a file that does not exist")]
    [InlineData("only the key", "Beacon:Tls:CaCertificatePath names a file that does not exist")]
    [InlineData("no certificate in the certificate file", "Beacon:Tls:CaCertificatePath names a file that holds no PEM certificate")]
    [InlineData("no key in the key file", "Beacon:Tls:CaKeyPath names a file that holds no unencrypted ECDSA private key")]
    [InlineData("a public key in the key file", "Beacon:Tls:CaKeyPath names a file that holds no unencrypted ECDSA private key")]
    [InlineData("an encrypted key", "Beacon:Tls:CaKeyPath names a file that holds no unencrypted ECDSA private key")]
    [InlineData("another CA's key", "Beacon:Tls:CaKeyPath names a file whose key is not the private key of the certificate Beacon:Tls:CaCertificatePath names")]
    [InlineData("a certificate that is not a CA", "Beacon:Tls:CaCertificatePath holds a certificate that is not a CA")]
    [InlineData("a CA that may not sign certificates", "Beacon:Tls:CaCertificatePath holds a certificate whose key usage does not include keyCertSign")]
    [InlineData("an expired CA", "Beacon:Tls:CaCertificatePath holds a certificate valid from 2020-01-01T00:00:00.0000000Z to 2021-01-01T00:00:00.0000000Z, not now")]
    public void FilesThatAreNotAUsableCa_FailValidation_InOneLineNamingTheSetting(string files, string message)
    {
        Write(files);

        var result = new TlsOptionsValidator(_clock).Validate(null, Paths);

        Assert.True(result.Failed);
        Assert.StartsWith(message, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.FailureMessage);
    }

    [Theory]
    [InlineData("certificate", "Beacon:Tls:CaCertificatePath names a file larger than 1 MiB")]
    [InlineData("key", "Beacon:Tls:CaKeyPath names a file larger than 1 MiB")]
    public void AFileLargerThanAMebibyte_IsRefusedWithoutBeingReadWhole_NamingTheSetting(string which, string message)
    {
        Write(which == "certificate" ? "only the key" : "only the certificate");
        // Sparse: 16 MiB of zeros on paper, nothing on disk.
        using (var large = File.Open(which == "certificate" ? Certificate : Key, FileMode.CreateNew, FileAccess.Write))
            large.SetLength(16 * 1024 * 1024);

        var result = new TlsOptionsValidator(_clock).Validate(null, Paths);

        Assert.True(result.Failed);
        Assert.StartsWith(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceThatNeverEnds_IsRefusedAfterAMebibyte_NamingTheSetting()
    {
        if (OperatingSystem.IsWindows())
            return;
        Write("only the key");

        var result = new TlsOptionsValidator(_clock).Validate(null, new TlsOptions { CaCertificatePath = "/dev/zero", CaKeyPath = Key });

        Assert.StartsWith("Beacon:Tls:CaCertificatePath names a file larger than 1 MiB (/dev/zero)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralProblems_ReadAsSentences_InTheMessageThatStopsTheStart()
    {
        using (var leaf = TestCertificates.Authority(BeaconApplication.Start.AddDays(-1), BeaconApplication.Start.AddYears(1),
            isAuthority: false, usage: X509KeyUsageFlags.DigitalSignature))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Key)!);
            TestCertificates.WritePem(leaf, Certificate, Key);
        }

        var error = Assert.ThrowsAny<OptionsValidationException>(() => Configuration.ConfigurationTests.Resolve(
            new Dictionary<string, string?> { [TlsOptions.CertificateKey] = Certificate, [TlsOptions.KeyKey] = Key }));

        Assert.Equal($"{TlsOptions.CertificateKey} holds a certificate that is not a CA: it lacks basicConstraints CA:true ({Certificate}). "
            + $"{TlsOptions.CertificateKey} holds a certificate whose key usage does not include keyCertSign, so it cannot sign certificates ({Certificate}).",
            error.Message);
    }

    [Fact]
    public async Task UnderUmask000_TheKeysFolderIsCreatedOwnerOnly_AndNoFolderIsWritableByOthers()
    {
        if (OperatingSystem.IsWindows())
            return;
        await using var server = ServerProcess.StartUnderUmask("000", AppContext.BaseDirectory, "--urls", "http://127.0.0.1:0",
            $"--{TlsOptions.CertificateKey}={Certificate}", $"--{TlsOptions.KeyKey}={Key}");

        await server.ListeningAsync(1);

        const UnixFileMode rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode rx = UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Assert.Equal(rwx, File.GetUnixFileMode(Path.GetDirectoryName(Key)!));
        Assert.Equal(rwx | rx, File.GetUnixFileMode(Path.GetDirectoryName(Certificate)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Certificate));
    }

    [Theory]
    [InlineData(TlsOptions.CertificateKey, "Beacon:Tls:CaCertificatePath is set, Beacon:Tls:CaKeyPath is not")]
    [InlineData(TlsOptions.KeyKey, "Beacon:Tls:CaKeyPath is set, Beacon:Tls:CaCertificatePath is not")]
    public void OnePathWithoutTheOther_FailsValidationNamingBoth(string key, string message)
    {
        var options = key == TlsOptions.CertificateKey ? new TlsOptions { CaCertificatePath = Certificate } : new TlsOptions { CaKeyPath = Key };

        var result = new TlsOptionsValidator(_clock).Validate(null, options);

        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APathThatCannotBeWritten_StopsTheStartNamingTheSetting()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "a-file"), "");
        var options = new TlsOptions { CaCertificatePath = Certificate, CaKeyPath = Path.Combine(_directory.FullName, "a-file", "ca.key") };
        var authority = new CertificateAuthority(Options.Create(options), _clock, NullLogger<CertificateAuthority>.Instance);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => authority.StartAsync(CancellationToken.None));

        Assert.StartsWith("Beacon:Tls:CaKeyPath names a file that cannot be written", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Certificate));
    }

    private void Write(string files)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Key)!);
        var start = BeaconApplication.Start;
        using var authority = TestCertificates.Authority(start.AddDays(-1), start.AddYears(1));
        switch (files)
        {
            case "only the certificate":
                File.WriteAllText(Certificate, authority.ExportCertificatePem());
                break;
            case "only the key":
                File.WriteAllText(Key, TestCertificates.PrivateKeyPem(authority));
                break;
            case "no certificate in the certificate file":
                File.WriteAllText(Certificate, "not a certificate");
                File.WriteAllText(Key, TestCertificates.PrivateKeyPem(authority));
                break;
            case "no key in the key file":
                File.WriteAllText(Certificate, authority.ExportCertificatePem());
                File.WriteAllText(Key, authority.ExportCertificatePem());
                break;
            case "a public key in the key file":
                File.WriteAllText(Certificate, authority.ExportCertificatePem());
                File.WriteAllText(Key, authority.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfoPem());
                break;
            case "an encrypted key":
                File.WriteAllText(Certificate, authority.ExportCertificatePem());
                File.WriteAllText(Key, authority.GetECDsaPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem("secret",
                    new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
                break;
            case "another CA's key":
                using (var other = TestCertificates.Authority(start.AddDays(-1), start.AddYears(1)))
                {
                    File.WriteAllText(Certificate, authority.ExportCertificatePem());
                    File.WriteAllText(Key, TestCertificates.PrivateKeyPem(other));
                }
                break;
            case "a certificate that is not a CA":
                using (var leaf = TestCertificates.Authority(start.AddDays(-1), start.AddYears(1), isAuthority: false))
                    TestCertificates.WritePem(leaf, Certificate, Key);
                break;
            case "a CA that may not sign certificates":
                using (var signer = TestCertificates.Authority(start.AddDays(-1), start.AddYears(1), usage: X509KeyUsageFlags.DigitalSignature))
                    TestCertificates.WritePem(signer, Certificate, Key);
                break;
            case "an expired CA":
                using (var expired = TestCertificates.Authority(new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)))
                    TestCertificates.WritePem(expired, Certificate, Key);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(files), files, null);
        }
    }

    private static string LoggedFingerprint(BeaconApplication app, string message) =>
        app.Logs.Events.Single(e => e.RenderMessage().Contains(message, StringComparison.Ordinal)).Properties["Fingerprint"].ToString();
}
