using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Pipeline;

/// <summary>Decides whether a license (or API key) is accepted: the feature that knows licenses implements it.</summary>
internal interface ILicensePolicy
{
    /// <summary>Decides on <paramref name="key"/> for <paramref name="request"/> (its kind and namespace), once, and records that it was seen.</summary>
    LicenseVerdict Decide(string key, WireRequest request);

    /// <summary>Whether a request that carries no credential at all is refused (<c>Beacon:RequireKnownLicense</c>).</summary>
    bool RequiresKnownLicense { get; }
}

/// <summary>What the policy decided about one key. The feature behind the policy may hand its handlers more (a subclass).</summary>
/// <param name="RefusalCode"><c>unknown</c>, <c>expired</c> or <c>revoked</c>; null when accepted.</param>
/// <param name="RefusalText">Why, as it reads after "The license ...".</param>
internal record LicenseVerdict(string Key, string? RefusalCode, string RefusalText)
{
    public bool Accepted => RefusalCode is null;

    /// <summary>The 403 every Beacon JSON route answers a refused credential with, its reason beside the detail.</summary>
    public ProblemHttpResult ToProblem(string credential = "license") =>
        Problems.Status(StatusCodes.Status403Forbidden, $"The {credential} was refused.", $"The {credential} {RefusalText}.",
            new Dictionary<string, object?> { ["reason"] = RefusalCode });
}

/// <summary>What the capture of a refused request records.</summary>
internal sealed record RefusalDetails(string Refusal);
