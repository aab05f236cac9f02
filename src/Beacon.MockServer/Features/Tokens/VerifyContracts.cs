using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Tokens;

/// <summary>The body of <c>POST /v1/beacon/verify</c>.</summary>
internal sealed record VerifyRequest : IWireJsonRequest
{
    [JsonPropertyName("license")]
    public string? License { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public void Validate(ValidationErrors errors, List<Finding> findings)
    {
        UnknownFields.Report(findings, "", Unknown);
        errors.RequireNonEmpty("license", License);
    }
}

/// <summary>The answer to a verified license: a short-lived JWT.</summary>
internal sealed record VerifyResponse([property: JsonPropertyName("token")] string Token);

/// <summary>What a verify capture records besides the request.</summary>
internal sealed record VerifyDetails(string Subject, string TokenId, DateTimeOffset ExpiresAt);
