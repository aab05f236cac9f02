using System.Text.Json;
using System.Text.Json.Serialization;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;

namespace Beacon.MockServer.Features.License;

/// <summary>The body of <c>PUT /mock/licenses/{key}</c>: every field but <c>status</c> optional.</summary>
internal sealed record LicenseChangeRequest
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The token's <c>sub</c>; without it, a fingerprint of the key stands in.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("orgId")]
    public string? OrgId { get; init; }

    [JsonPropertyName("tokenLifetimeSeconds")]
    public int? TokenLifetimeSeconds { get; init; }

    [JsonPropertyName("claims")]
    public Dictionary<string, JsonElement>? Claims { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    public const string Example = """{"status": "revoked"}""";

    /// <summary>The definition this asks for, or the errors that keep it from being one, each keyed by its field.</summary>
    public LicenseDefinition? ToDefinition(ValidationErrors errors)
    {
        foreach (var name in Unknown?.Keys ?? Enumerable.Empty<string>())
            errors.Add(JsonPath.Member("", name), "is not a field of a license: use status, id, orgId, tokenLifetimeSeconds, claims");

        LicenseStatus? status = null;
        if (Status is null)
            errors.Add("status", "is required: active, expired or revoked");
        else if (LicenseStatuses.TryParse(Status, out var parsed))
            status = parsed;
        else
            errors.Add("status", $"must be active, expired or revoked (was '{Status}')");

        Guid? orgId = null;
        if (OrgId is not null)
        {
            if (Guid.TryParse(OrgId, out var guid))
                orgId = guid;
            else
                errors.Add("orgId", $"must be a UUID (was '{OrgId}')");
        }
        if (Id is not null && string.IsNullOrWhiteSpace(Id))
            errors.Add("id", "must be a non-empty string");
        if (TokenLifetimeSeconds is < 1 or > LicenseVerdict.MaxTokenLifetimeSeconds)
            errors.Add("tokenLifetimeSeconds", $"must be between 1 and {LicenseVerdict.MaxTokenLifetimeSeconds} (was {TokenLifetimeSeconds})");

        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in Claims ?? [])
        {
            var field = JsonPath.Member("claims", name);
            if (name.Length == 0)
                errors.Add(field, "a claim needs a name");
            else if (LicenseClaims.Reserved.Contains(name))
                errors.Add(field, "is set by the mock itself and cannot be changed");
            else if (!StrictJson.IsText(value))
                errors.Add(field, StrictJson.NotText);
            else if (LicenseClaims.FromJson(value) is { } typed)
                claims[name] = typed;
            else
                errors.Add(field, "must be a string, a number or a boolean");
        }

        return errors.Any ? null : new LicenseDefinition(status!.Value, Id, orgId, claims, TokenLifetimeSeconds);
    }
}
