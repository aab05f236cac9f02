using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.MockServer.Features.License;

/// <summary>The body of <c>POST /v1/beacon/verify</c>.</summary>
public sealed record VerifyRequest
{
    [JsonPropertyName("license")]
    public string? License { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

/// <summary>The answer to a verified license: a short-lived JWT.</summary>
public sealed record VerifyResponse([property: JsonPropertyName("token")] string Token);

/// <summary>What a verify capture records besides the request.</summary>
public sealed record VerifyDetails(string Subject, string TokenId, DateTimeOffset ExpiresAt);
