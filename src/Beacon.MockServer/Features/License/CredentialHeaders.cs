namespace Beacon.MockServer.Features.License;

/// <summary>The headers Beacon's clients send a credential in; captures keep them.</summary>
internal static class CredentialHeaders
{
    /// <summary>The license key, on the OTLP exports.</summary>
    public const string LicenseKey = "X-Langchain-License-Key";

    /// <summary>The API key, on <c>/auth</c>.</summary>
    public const string ApiKey = "X-Api-Key";

    /// <summary>Where a JSON route's license comes from when its body carries none.</summary>
    public static readonly string[] Fallback = [LicenseKey, ApiKey];
}
