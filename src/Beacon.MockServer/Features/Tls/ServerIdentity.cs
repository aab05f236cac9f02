using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Beacon.MockServer.Features.Tls;

/// <summary>
/// Who a leaf certificate is for: the host name a client asked for (SNI), or, when it asked for none or for an
/// IP literal, the mock's local names and addresses. <see cref="Key"/> is what the leaf is cached under.
/// </summary>
internal sealed record ServerIdentity(string Key, string CommonName, IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses)
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The identity for a handshake, or null when the name is not a host name a certificate can carry.</summary>
    public static ServerIdentity? For(string? serverName, IPAddress? localAddress)
    {
        if (string.IsNullOrEmpty(serverName) || Uri.CheckHostName(serverName) is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return Local(localAddress);
        return HostName(serverName) is { } host ? new(host, host, [host], []) : null;
    }

    /// <summary>
    /// localhost, 127.0.0.1 and ::1, and the address the connection arrived on: what a client that names no
    /// host (or an IP literal, which SNI cannot carry) may be checking the certificate against.
    /// </summary>
    public static ServerIdentity Local(IPAddress? localAddress)
    {
        List<IPAddress> addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        if (localAddress is { IsIPv4MappedToIPv6: true })
            localAddress = localAddress.MapToIPv4();
        if (localAddress is not null && !localAddress.Equals(IPAddress.Any) && !localAddress.Equals(IPAddress.IPv6Any) && !addresses.Contains(localAddress))
            addresses.Add(localAddress);
        // '@' cannot occur in a host name, so this key never meets one.
        return new("@" + localAddress, "localhost", ["localhost"], addresses);
    }

    public X509Extension SubjectAlternativeNames()
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
            names.AddDnsName(name);
        foreach (var address in Addresses)
            names.AddIpAddress(address);
        return names.Build(critical: false);
    }

    /// <summary>
    /// The name in lower case, without a final dot, in its ASCII (punycode) form; null unless it is 1 to 253
    /// characters of labels of 1 to 63 letters, digits, hyphens or underscores (Docker service names may hold
    /// them), the last of which is not all digits. A wildcard is refused: a client must never be handed a
    /// certificate for names it did not ask for. A name whose last label is a number (<c>999.999.999.999</c>,
    /// <c>1.2.3.4.5</c>) is neither a host name (no top-level domain is all digits, RFC 3696 2) nor an IP address.
    /// </summary>
    internal static string? HostName(string name)
    {
        var host = name.EndsWith('.') ? name[..^1] : name;
        if (!Ascii.IsValid(host))
        {
            try
            {
                host = Idn.GetAscii(host);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
        host = host.ToLowerInvariant();
        if (host.Length is 0 or > 253)
            return null;
        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return null;
        }
        return host[(host.LastIndexOf('.') + 1)..].All(char.IsAsciiDigit) ? null : host;
    }
}
