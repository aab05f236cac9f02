namespace Beacon.MockServer.Pipeline;

/// <summary>
/// Decides whether a license (or API key) is accepted. The pipeline asks it once per wire request, before the route
/// runs; the feature that knows licenses implements it.
/// </summary>
internal interface ILicensePolicy
{
    /// <summary>Decides on <see cref="LicenseQuestion.Key"/>, and records that it was seen (and, for a verification, that it was verified).</summary>
    LicenseVerdict Decide(LicenseQuestion question);

    /// <summary>Why a request that carries no credential at all is refused where a route allows that (<c>Beacon:RequireKnownLicense</c>); null when it is not.</summary>
    string? RefusesMissing { get; }

    /// <summary>Every refusal code a verdict may carry, as a capture's <c>details.refusal</c> says them.</summary>
    IReadOnlyList<string> RefusalCodes { get; }

    /// <summary>Counts a token issued for an accepted key.</summary>
    void RecordTokenIssued(string key);
}

/// <param name="Namespace">The namespace the request was sent under: run-time license changes can be scoped to one.</param>
/// <param name="Verifies">Whether the request asks for the key to be verified (a verify call, counted as such).</param>
internal sealed record LicenseQuestion(string Key, string? Namespace, bool Verifies);
