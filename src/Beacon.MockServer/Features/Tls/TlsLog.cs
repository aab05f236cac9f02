namespace Beacon.MockServer.Features.Tls;

/// <summary>What the TLS feature logs: where the CA came from (once, at start), and what happens to handshakes. Never a key.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(LogLevel.Information, "TLS: generated a CA for this run only, {Subject}, SHA-256 {Fingerprint}. "
        + "GET /mock/tls/ca.pem serves it; set Beacon:Tls:CaCertificatePath and Beacon:Tls:CaKeyPath to keep a CA across restarts")]
    public static partial void Generated(ILogger logger, string subject, string fingerprint);

    [LoggerMessage(LogLevel.Information, "TLS: generated a CA and wrote it to {CertificatePath} (its key to {KeyPath}, owner-only), {Subject}, SHA-256 {Fingerprint}")]
    public static partial void Written(ILogger logger, string certificatePath, string keyPath, string subject, string fingerprint);

    [LoggerMessage(LogLevel.Information, "TLS: loaded the CA from {CertificatePath}, {Subject}, SHA-256 {Fingerprint}")]
    public static partial void Loaded(ILogger logger, string certificatePath, string subject, string fingerprint);

    [LoggerMessage(LogLevel.Debug, "TLS: issued a certificate for {ServerName}, valid until {NotAfter}")]
    public static partial void Issued(ILogger logger, string serverName, DateTimeOffset notAfter);

    [LoggerMessage(LogLevel.Information, "TLS: refused a handshake for server name {ServerName} ({Length} characters): not a host name a certificate can carry")]
    public static partial void Refused(ILogger logger, string serverName, int length);

    [LoggerMessage(LogLevel.Information, "TLS: refused a handshake for server name {ServerName} ({Length} characters): not a host name a certificate can carry; "
        + "{Unlogged} more handshakes were refused since the last such line ({Since}), one line is written every 10 seconds at most")]
    public static partial void RefusedAgain(ILogger logger, string serverName, int length, long unlogged, DateTimeOffset since);

    [LoggerMessage(LogLevel.Warning, "TLS: the CA is not valid now, so no certificate could be issued for {ServerName}")]
    public static partial void AuthorityNotValid(ILogger logger, string serverName);

    [LoggerMessage(LogLevel.Warning, "TLS: more than {Capacity} server names asked for; from now on the one least recently asked for is "
        + "forgotten for each new name, and issued again if it is asked for again")]
    public static partial void CacheFull(ILogger logger, int capacity);
}
