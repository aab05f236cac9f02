using System.Text.Json;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// What the license policy decided about one key, and what the routes that answer an accepted key need from it: the
/// token's subject, organization, claims and lifetime, the organization <c>/auth</c> answers. Nothing downcasts it.
/// </summary>
/// <param name="RefusalCode">A code of <see cref="ILicensePolicy.RefusalCodes"/>; null when accepted.</param>
/// <param name="RefusalText">Why, as it reads after "The license ...".</param>
/// <param name="Subject">The token's <c>sub</c>: the license's configured id, else a fingerprint of the key (never the key).</param>
/// <param name="Organization">The organization configured for the key, else one derived from it, stable across runs.</param>
/// <param name="OrganizationConfigured">Whether <paramref name="Organization"/> was configured: only then does a token carry it.</param>
/// <param name="Claims">Extra token claims, as JSON values: a number keeps every digit it was given.</param>
/// <param name="TokenLifetimeSeconds">How long its tokens live; null for the token settings' default.</param>
internal sealed record LicenseVerdict(
    string Key, string? RefusalCode, string RefusalText,
    string Subject, Guid Organization, bool OrganizationConfigured,
    IReadOnlyDictionary<string, JsonElement> Claims, int? TokenLifetimeSeconds)
{
    /// <summary>A week: the longest lifetime a license's tokens may be given, by configuration or at run time.</summary>
    public const int MaxTokenLifetimeSeconds = 7 * 24 * 3600;

    public bool Accepted => RefusalCode is null;
}
