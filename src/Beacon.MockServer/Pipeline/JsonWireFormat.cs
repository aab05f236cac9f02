using System.Text.Json.Serialization.Metadata;
using Beacon.MockServer.Configuration;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Pipeline;

/// <summary>The body of a Beacon JSON wire route, as its route declares it.</summary>
internal interface IWireJsonRequest
{
    /// <summary>The license (or API key) the request carries, by its route's own rule: the route's own field outranks a stray one.</summary>
    string? License { get; }

    /// <summary>Adds an error for each field at fault, keyed by its JSON path, and a finding for each worth knowing (an unknown field).</summary>
    void Validate(ValidationErrors errors, List<Finding> findings);
}

/// <summary>
/// The one binding of the Beacon JSON wire routes, at receipt: the media type, a well-formed body (duplicate keys
/// read as the last one, and reported), strict deserialization into <typeparamref name="T"/> (errors keyed by JSON
/// path), validation and unknown fields. The license is the typed request's; the handler gets the typed request
/// (<see cref="Wire{T}"/>) with the license already decided.
/// </summary>
internal sealed class JsonWireFormat<T>(JsonTypeInfo<T> typeInfo, string[] licenseFields) : IWireFormat
    where T : class, IWireJsonRequest
{
    public WireBody Read(HttpContext context, byte[] body)
    {
        var findings = new List<Finding>();
        if (context.Request.ContentType is not { Length: > 0 } contentType)
            findings.Add(new Finding("Content-Type", "header missing; the body was read as JSON"));
        else if (!StrictJson.IsJsonMediaType(contentType))
            return Refused(context, body, StrictJson.UnsupportedMediaType(contentType));

        var check = JsonBodyCheck.Run(body, StrictJson.MaxDepth, licenseFields);
        if (!check.IsJson)
        {
            var why = body.Length == 0 ? "the request body is empty; send a JSON object" : $"the request body is not well-formed JSON: {check.Error}";
            return Refused(context, body, BodyFailure.Invalid("$", why)) with { Findings = findings };
        }
        foreach (var duplicate in check.Duplicates)
            findings.Add(new Finding(duplicate, "repeats a key of its object; the last one is read, as common JSON parsers do"));

        var errors = new ValidationErrors();
        var request = StrictJson.Deserialize(body, typeInfo, errors);
        request?.Validate(errors, findings);
        var read = new WireBody
        {
            Encoding = "json",
            Payload = new JsonPayload(RawJson.FromValidated(body)),
            Findings = findings,
            License = errors.Any ? check.License : request!.License,
            LicenseField = check.LicenseField,
            Decoded = errors.Any ? null : request,
        };
        return errors.Any ? read with { Failure = errors.ToFailure() } : read;
    }

    public IResult Refuse(HttpContext context, BodyFailure failure) => failure.ToJsonAnswer();

    private static WireBody Refused(HttpContext context, byte[] body, BodyFailure failure) => new()
    {
        Payload = TextPayload.Of(body, context.RequestServices.GetRequiredService<IOptions<BeaconOptions>>().Value.Store.MaxTextPayloadBytes),
        Failure = failure,
    };
}
