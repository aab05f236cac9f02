namespace Beacon.MockServer.Pipeline;

/// <summary>The headers Beacon's clients send a credential in. Routes take their credential from them when the body carries none.</summary>
internal static class CredentialHeaders
{
    /// <summary>The license key, on the OTLP exports.</summary>
    public const string LicenseKey = "X-Langchain-License-Key";

    /// <summary>The API key, on <c>/auth</c>.</summary>
    public const string ApiKey = "X-Api-Key";

    /// <summary>The token a LangSmith data plane sends: a request that carries it has a credential, whatever else it lacks.</summary>
    public const string DataPlane = "X-Data-Plane-Auth";

    /// <summary>Where a JSON route's license comes from when its body carries none.</summary>
    public static readonly string[] Fallback = [LicenseKey, ApiKey];
}
