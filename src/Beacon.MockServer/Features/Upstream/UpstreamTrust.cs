using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>
/// The certificates the upstream may present: one the system's roots trust; one issued by the CA that
/// <c>Beacon:Upstream:CaCertificatePath</c> names; or one issued by this mock's own CA, so that an upstream URL
/// that leads back to the mock gets through TLS to the <c>Via</c> check, which answers 508 (without it, the
/// handshake would fail first and the loop would look like an unreachable upstream). A certificate it refuses
/// fails the handshake with an <see cref="UpstreamCertificateException"/> that says why in words, and what fixes it.
/// </summary>
internal sealed class UpstreamTrust(string? caCertificatePath, IOwnCertificateAuthority? own)
{
    private const string CaSetting = $"{UpstreamOptions.Section}:CaCertificatePath";
    private const X509ChainStatusFlags Untrusted = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;

    private readonly X509Certificate2? _configured = caCertificatePath is null ? null : X509CertificateLoader.LoadCertificateFromFile(caCertificatePath);

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>: true to go on, an exception that names the cause otherwise.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            throw new UpstreamCertificateException("it sent no certificate");
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var rebuilt = errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) ? Rebuild(chain) : null;
        var trusted = rebuilt is null || rebuilt.Build(leaf);
        var named = !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
        if (trusted && named)
            return true;
        List<string> causes = [];
        if (!trusted)
            causes.AddRange(ChainCauses(chain, rebuilt!));
        if (!named)
            causes.Add($"it is for {Names(leaf)}, not {(sender as SslStream)?.TargetHostName ?? "the upstream's host"}: point {UpstreamOptions.Section}:Url at a name the certificate carries");
        throw new UpstreamCertificateException(string.Join("; and ", causes));
    }

    /// <summary>A chain to build again with the configured CA and the mock's own as the roots, at the time the system checked it.</summary>
    private X509Chain Rebuild(X509Chain? presented)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (_configured is not null)
            chain.ChainPolicy.CustomTrustStore.Add(_configured);
        if (own is not null)
            chain.ChainPolicy.CustomTrustStore.Add(own.Certificate);
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            chain.ChainPolicy.VerificationTime = presented.ChainPolicy.VerificationTime;
        }
        return chain;
    }

    /// <summary>What is wrong with the chain, judged by both sets of roots: untrusted only if neither anchors it.</summary>
    private IEnumerable<string> ChainCauses(X509Chain? system, X509Chain rebuilt)
    {
        var flags = Flags(rebuilt) | Flags(system);
        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid) && Element(rebuilt, system, X509ChainStatusFlags.NotTimeValid) is { } dated)
        {
            var at = rebuilt.ChainPolicy.VerificationTime;
            yield return dated.NotAfter < at
                ? $"its certificate ({Short(dated.Subject)}) expired on {Utc(dated.NotAfter)} (the upstream must renew it; or this machine's clock is wrong)"
                : $"its certificate ({Short(dated.Subject)}) is not valid until {Utc(dated.NotBefore)} (or this machine's clock is wrong)";
        }
        if (flags.HasFlag(X509ChainStatusFlags.Revoked))
            yield return "its certificate is revoked";
        if ((Flags(rebuilt) & Untrusted) != 0 && (system is null || (Flags(system) & Untrusted) != 0))
        {
            var top = rebuilt.ChainElements.Count > 0 ? rebuilt.ChainElements[^1].Certificate : null;
            var issuer = top is null ? "an unknown CA" : $"'{Short(top.Issuer)}'";
            yield return _configured is null
                ? $"it is issued by {issuer}, which the system's roots do not trust: trust that CA with {CaSetting} (a PEM file of its certificate)"
                : $"it is issued by {issuer}, which neither the system's roots nor {CaSetting} ('{Short(_configured.Subject)}') trust: set {CaSetting} to that CA's certificate";
        }
        var other = flags & ~(Untrusted | X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.Revoked
            | X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation);
        if (other != X509ChainStatusFlags.NoError)
            yield return $"its certificate chain is not valid ({other})";
    }

    private static X509ChainStatusFlags Flags(X509Chain? chain) =>
        chain is null ? X509ChainStatusFlags.NoError : chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);

    /// <summary>The first certificate in either chain that has <paramref name="flag"/>, leaf first.</summary>
    private static X509Certificate2? Element(X509Chain rebuilt, X509Chain? system, X509ChainStatusFlags flag) =>
        new[] { rebuilt, system }.OfType<X509Chain>().SelectMany(c => c.ChainElements)
            .FirstOrDefault(e => e.ChainElementStatus.Any(s => s.Status.HasFlag(flag)))?.Certificate;

    /// <summary>The names a certificate is for: its subject alternative names, else its common name; the first few.</summary>
    private static string Names(X509Certificate2 certificate)
    {
        var alternative = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        List<string> names = alternative is null ? [certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)]
            : [.. alternative.EnumerateDnsNames(), .. alternative.EnumerateIPAddresses().Select(a => a.ToString())];
        names.RemoveAll(string.IsNullOrEmpty);
        if (names.Count == 0)
            return "no name";
        var shown = string.Join(", ", names.Take(5).Select(Short));
        return names.Count > 5 ? $"{shown} and {names.Count - 5} more" : shown;
    }

    private static string Utc(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A name from the upstream's certificate, which the upstream chose: bounded before it goes into an answer and a log.</summary>
    private static string Short(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>Why the upstream's certificate was refused, thrown from the handshake so that the forwarder's error carries it.</summary>
internal sealed class UpstreamCertificateException(string message) : Exception(message);
