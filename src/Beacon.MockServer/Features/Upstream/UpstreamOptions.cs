using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Pipeline;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Features.Upstream;

/// <summary>Pass-through to a real Beacon: <c>Beacon:Upstream</c>.</summary>
internal sealed class UpstreamOptions
{
    public const string Section = "Beacon:Upstream";

    /// <summary>The upstream Beacon's base URL (absolute http or https); unset, nothing is passed through.</summary>
    public string? Url { get; set; }

    /// <summary>Only requests of these capture kinds are passed through (<c>verify</c>: real tokens, the rest mocked); empty for every wire kind.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>How long the upstream may take to answer, from connecting to its last byte.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>A PEM certificate to trust for the upstream besides the system's roots (a private CA in front of a test Beacon).</summary>
    public string? CaCertificatePath { get; set; }
}

/// <summary>Checks <c>Beacon:Upstream</c> at start; every message names the key.</summary>
internal sealed class UpstreamOptionsValidator(IConfiguration configuration, IEnumerable<WireKind> kinds) : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        const string K = UpstreamOptions.Section;
        var errors = new List<string>();
        if (options.Url is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0))
            errors.Add($"{K}:Url must be an absolute http or https URL without a query, such as https://beacon.langchain.com (was '{url}').");
        var known = kinds.Select(k => k.Name).ToList();
        var keys = ConfiguredKeys.Of(configuration, $"{K}:Kinds", options.Kinds.Count);
        for (var i = 0; i < options.Kinds.Count; i++)
        {
            if (!known.Contains(options.Kinds[i]))
                errors.Add($"{keys[i]} must be one of {string.Join(", ", known)} (was '{options.Kinds[i]}').");
        }
        if (options.TimeoutMs is < 1 or > 600_000)
            errors.Add($"{K}:TimeoutMs must be between 1 and 600000 (was {options.TimeoutMs}).");
        if (options.CaCertificatePath is { } path && Load(path) is { } problem)
            errors.Add($"{K}:CaCertificatePath {problem} ({path}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Null when the file holds a PEM certificate; otherwise what is wrong with it.</summary>
    private static string? Load(string path)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return "must name a readable PEM certificate";
        }
    }
}
