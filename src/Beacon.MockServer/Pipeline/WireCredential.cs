namespace Beacon.MockServer.Pipeline;

/// <summary>How a wire route takes its credential (a license or an API key) and what it answers without one.</summary>
/// <param name="Name">What the credential is called in answers: <c>license</c> or <c>API key</c>.</param>
/// <param name="Headers">Where it comes from when the body carries none, in order.</param>
/// <param name="Verifies">Whether a request to the route asks for the key to be verified (counted as a verify call).</param>
/// <param name="Decided">Whether the license policy decides on it; a route that serves nothing only records it.</param>
internal sealed record WireCredential(string Name, IReadOnlyList<string> Headers, CredentialMissing Missing, bool Verifies = false, bool Decided = true)
{
    /// <summary>A credential kept on the capture from the usual headers, and never decided on: no route serves the request.</summary>
    public static readonly WireCredential RecordedOnly = new("license", CredentialHeaders.Fallback, CredentialMissing.Allowed, Decided: false);

    /// <summary>A Beacon JSON route's license: its body's field (its contract requires one), else a credential header.</summary>
    public static WireCredential JsonLicense(bool verifies = false) => new("license", CredentialHeaders.Fallback, CredentialMissing.Allowed, verifies);
}

/// <summary>What a route answers a request that carries no credential.</summary>
internal enum CredentialMissing
{
    /// <summary>It goes on: the route's own contract decides (a JSON body's required field), or none is needed.</summary>
    Allowed,

    /// <summary>401 when the license policy refuses what carries none (<see cref="ILicensePolicy.RefusesMissing"/>), unless a data plane token came.</summary>
    RefusedWhenPolicySays,

    /// <summary>401, always.</summary>
    Refused,
}
