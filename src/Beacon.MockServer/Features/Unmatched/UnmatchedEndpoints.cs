using System.Text.Json;
using Beacon.MockServer.Api;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Features.Unmatched;

/// <summary>
/// A request to a path no route serves (outside <c>/mock</c>, the inspector, Swagger UI, the OpenAPI document,
/// <c>/healthz</c> and <c>/.well-known</c>) is a capture of kind <c>unmatched</c> like any other: kept with its method,
/// path, headers and body, counted, waited for, faulted and passed through as any kind is, and answered with a 404
/// that names the nearest routes (or a 405 naming the method a known path takes), which the capture keeps as a finding.
/// </summary>
internal static class UnmatchedEndpoints
{
    public static readonly WireKind Kind = new("unmatched", "Unmatched");

    public static IEndpointConventionBuilder MapUnmatchedEndpoints(this IEndpointRouteBuilder app) =>
        app.Map($"/{{**path:{UnmatchedPath.Name}}}", Answer)
            .CapturedAs(Kind, PlainWireFormat.Instance, WireCredential.RecordedOnly)
            // Last of all: every route, and every route's own answer to a wrong method (OTLP's), comes first.
            .WithOrder(int.MaxValue)
            .ExcludeFromDescription();

    internal static IResult Answer(WireRequest request, RouteDirectory routes)
    {
        var http = request.Context.Request;
        var (method, path, prefix) = (http.Method, http.Path.Value ?? "/", http.PathBase.Value ?? "");
        var allowed = routes.Matching(path, IsWire).Where(m => m.Broken.Count == 0).Select(m => m.Route.Method).Distinct().ToList();
        if (allowed.Count > 0)
        {
            request.Context.Response.Headers.Allow = string.Join(", ", allowed);
            return request.Refuse(new BodyFailure(StatusCodes.Status405MethodNotAllowed, "Method not allowed.",
                $"{method} is not a method {prefix}{path} answers: Beacon takes {string.Join(" or ", allowed)} there.",
                Extensions: new Dictionary<string, object?> { ["allow"] = allowed }, Field: "URL"));
        }

        var (export, signal) = OtlpExportOf(request);
        var nearest = (export ? routes.Nearest(method, path, r => IsWire(r) && r.Path.StartsWith("/v1/beacon/v1/", StringComparison.Ordinal) && (signal is null || r.Path.EndsWith(signal, StringComparison.Ordinal)))
                : routes.Nearest(method, path, IsWire))
            .Select(r => $"{r.Method} {prefix}{r.Path}").ToList();
        var guess = nearest.Count > 0 ? $"; did you mean {string.Join(", or ", nearest)}?" : ".";
        var otlp = !export ? "" : " The body is an OTLP export: an exporter given its endpoint in code sends to that URL as it is, so give it the "
            + $"whole path ({prefix}/v1/beacon{signal ?? "/v1/traces, /v1/metrics or /v1/logs"}); OTEL_EXPORTER_OTLP_ENDPOINT takes the base "
            + $"({prefix}/v1/beacon) and adds the signal's path itself.";
        return request.Refuse(new BodyFailure(StatusCodes.Status404NotFound, "No such route.",
            $"No Beacon route answers {method} {prefix}{path}{guess}{otlp}",
            Extensions: new Dictionary<string, object?> { ["nearest"] = nearest }, Field: "URL"));
    }

    private static bool IsWire(KnownRoute route) =>
        route.Endpoint.Metadata.GetMetadata<WireRoute>() is { } wire && wire.Kind.Name != Kind.Name || route.Endpoint.Metadata.GetMetadata<WireSurface>() is not null;

    /// <summary>
    /// Whether the body is an OTLP export, and the path of its signal (<c>/v1/traces</c>) when that can be told: JSON by
    /// its root key; protobuf, by its Content-Type alone, could be any of the three.
    /// </summary>
    private static (bool Export, string? Signal) OtlpExportOf(WireRequest request)
    {
        var type = request.Context.Request.ContentType ?? "";
        if (type.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
            return (true, null);
        if (request.Entry.Current.Payload is not JsonPayload json)
            return (false, null);
        try
        {
            using var document = JsonDocument.Parse(json.Json.Utf8);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (false, null);
            string? signal = document.RootElement.TryGetProperty("resourceSpans", out _) ? "/v1/traces"
                : document.RootElement.TryGetProperty("resourceMetrics", out _) ? "/v1/metrics"
                : document.RootElement.TryGetProperty("resourceLogs", out _) ? "/v1/logs"
                : null;
            return (signal is not null, signal);
        }
        catch (JsonException)
        {
            return (false, null);
        }
    }
}
