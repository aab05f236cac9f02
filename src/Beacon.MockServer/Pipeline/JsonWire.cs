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
/// with the license already decided (<see cref="JsonWire{T}"/>).
/// </summary>
internal sealed class JsonWireFormat<T>(JsonTypeInfo<T> typeInfo, string[] licenseFields, string[] licenseHeaders) : IWireFormat
    where T : class, IWireJsonRequest
{
    public IReadOnlyList<string> LicenseHeaders => licenseHeaders;

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
            Decoded = errors.Any ? null : request,
        };
        return errors.Any ? read with { Failure = errors.ToFailure() } : read;
    }

    public IResult Refuse(HttpContext context, BodyFailure failure) => failure.ToProblem();

    private static WireBody Refused(HttpContext context, byte[] body, BodyFailure failure) => new()
    {
        Payload = TextPayload.Of(body, context.RequestServices.GetRequiredService<IOptions<BeaconOptions>>().Value.Store.MaxTextPayloadBytes),
        Failure = failure,
    };
}

/// <summary>
/// What a Beacon JSON handler receives: the typed body, and the license decided once for it. A refused license
/// never reaches the handler: <see cref="JsonWireExtensions.CapturedAsJson{T}"/>'s filter answers it.
/// </summary>
internal sealed class JsonWire<T>(WireRequest wire, T body, LicenseVerdict license)
    where T : class, IWireJsonRequest
{
    public WireRequest Wire { get; } = wire;

    public T Body { get; } = body;

    public LicenseVerdict License { get; } = license;

    /// <summary>Binds from what the pipeline decoded at receipt, deciding the license there and then.</summary>
    public static ValueTask<JsonWire<T>?> BindAsync(HttpContext context)
    {
        if (context.Features.Get<WireRequest>() is not { Decoded: T body } wire)
            return ValueTask.FromResult<JsonWire<T>?>(null);
        var verdict = context.RequestServices.GetRequiredService<ILicensePolicy>().Decide(body.License!, wire);
        return ValueTask.FromResult<JsonWire<T>?>(new JsonWire<T>(wire, body, verdict));
    }
}

internal static class JsonWireExtensions
{
    /// <summary>
    /// A Beacon JSON wire route: captured as <paramref name="kind"/>, its body bound to <typeparamref name="T"/> at receipt,
    /// and its license refused with a 403 problem before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder CapturedAsJson<T>(this RouteHandlerBuilder builder, string kind, JsonWireFormat<T> format)
        where T : class, IWireJsonRequest =>
        builder.CapturedAs(kind, format).AddEndpointFilter(async (context, next) =>
        {
            if (context.Arguments.OfType<JsonWire<T>>().FirstOrDefault() is { License.Accepted: false } refused)
            {
                refused.Wire.RecordRefusal(refused.License);
                return refused.License.ToProblem();
            }
            return await next(context);
        });
}
