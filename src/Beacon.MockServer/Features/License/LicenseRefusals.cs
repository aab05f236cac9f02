using Beacon.MockServer.Capture;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Features.License;

/// <summary>The one way every wire route refuses a credential: a 403 problem, and the reason on the capture.</summary>
public static class LicenseRefusals
{
    /// <summary>Checks <paramref name="key"/>; returns the 403 to answer, or null when the key is accepted.</summary>
    public static ProblemHttpResult? Check(WireRequest request, LicenseRegistry licenses, string key, string credential = "license")
    {
        var decision = licenses.Check(key, request.Namespace);
        return decision.Accepted ? null : Refuse(request, decision, credential);
    }

    public static ProblemHttpResult Refuse(WireRequest request, LicenseDecision decision, string credential = "license")
    {
        Record(request, decision);
        return Problems.Status(StatusCodes.Status403Forbidden, $"The {credential} was refused.", $"The {credential} {decision.RefusalText}.",
            new Dictionary<string, object?> { ["reason"] = decision.RefusalCode });
    }

    /// <summary>Writes the refusal into the capture; for a surface that answers in its own error shape (OTLP).</summary>
    public static void Record(WireRequest request, LicenseDecision decision) =>
        request.SetDetails(new RefusalDetails(decision.RefusalCode!), CaptureJson.Default.RefusalDetails);
}

/// <summary>What the capture of a refused request records.</summary>
public sealed record RefusalDetails(string Refusal);
