using System.Security.Cryptography;
using System.Text;

namespace Beacon.MockServer.Http;

/// <summary>How secrets (license keys, API keys, tokens) are shown in logs: never whole.</summary>
internal static class Secrets
{
    /// <summary>"lcl_…#9f86d081": the first four characters and a fingerprint, enough to tell keys apart.</summary>
    public static string Mask(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
            return "(none)";
        var prefix = secret.Length >= 12 ? secret[..4] : "";
        return $"{prefix}…#{Fingerprint(secret)[..8]}";
    }

    /// <summary>Lower-case hex SHA-256 of the secret: stable, and says nothing of the secret itself.</summary>
    public static string Fingerprint(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
