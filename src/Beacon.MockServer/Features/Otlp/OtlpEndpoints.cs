using System.Text.Json.Nodes;
using Beacon.MockServer.Features.Otlp.Model;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.OpenApi;

namespace Beacon.MockServer.Features.Otlp;

/// <summary>
/// Beacon's OTLP/HTTP receivers. Their paths are <c>/v1/beacon</c> + OTLP's <c>/v1/{signal}</c>, so an
/// OpenTelemetry SDK with <c>OTEL_EXPORTER_OTLP_ENDPOINT=http://host/v1/beacon</c> sends here as it is.
/// </summary>
internal static class OtlpEndpoints
{
    public static RouteGroupBuilder MapOtlpEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/beacon").WithTags("Telemetry (OTLP)");
        Map(group, OtlpSignal.Traces, "ExportTraces", "Export operational traces (OTLP/HTTP)");
        Map(group, OtlpSignal.Metrics, "ExportMetrics", "Export operational metrics (OTLP/HTTP)");
        Map(group, OtlpSignal.Logs, "ExportLogs", "Export operational logs (OTLP/HTTP)");
        return group;
    }

    private static void Map<TData>(RouteGroupBuilder group, OtlpSignal<TData> signal, string name, string summary)
        where TData : OtlpMessage
    {
        // Any other method is still an OTLP client's mistake, so it is answered in OTLP's error shape too.
        // This endpoint takes every method; its higher order lets the POST endpoint below win a POST.
        group.Map(signal.Path, MethodNotAllowed).WithOrder(1).ExcludeFromDescription();
        group.MapPost(signal.Path, Export)
            .CapturedAs(signal.Kind, new OtlpWireFormat(signal), Credential)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription($"An OTLP/HTTP {signal.Request} as protobuf ({OtlpResults.ProtobufType}) or JSON ({OtlpResults.JsonType}), "
                + "optionally gzip or deflate compressed. The license, when sent, is taken from X-Langchain-License-Key. "
                + "Answers the Export*ServiceResponse, or a google.rpc.Status on failure, in the request's encoding.")
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var schema = await context.GetOrCreateSchemaAsync(typeof(TData), null, cancellationToken);
                var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [OtlpResults.JsonType] = new() { Schema = schema, Example = JsonNode.Parse(DocumentedSamples.Read($"otlp-{signal.Kind.Name}-request")) },
                        [OtlpResults.ProtobufType] = new() { Schema = binary },
                    },
                };
                operation.Responses = new OpenApiResponses { ["200"] = Response($"The {signal.Response}: empty on full success, partialSuccess when {signal.Items} were rejected.", binary) };
                foreach (var (status, why) in Failures)
                    operation.Responses[status] = Response($"{why}; the body is a google.rpc.Status.", binary);
            });
    }

    private static IResult MethodNotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        return OtlpResults.Status(StatusCodes.Status405MethodNotAllowed,
            $"{context.Request.Method} is not allowed here: OTLP/HTTP exports are sent with POST.", OtlpEncoding.Json);
    }

    private static readonly (string Status, string Why)[] Failures =
    [
        ("400", "The body does not decode, or its compression is corrupt"),
        ("401", "No license was sent and Beacon:RequireKnownLicense is on"),
        ("403", "The license in X-Langchain-License-Key was refused"),
        ("413", "The body is larger than Beacon:MaxBodyBytes, as sent or once decompressed"),
        ("415", "The Content-Type or Content-Encoding is not supported"),
    ];

    private static OpenApiResponse Response(string description, OpenApiSchema binary) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [OtlpResults.ProtobufType] = new() { Schema = binary },
            [OtlpResults.JsonType] = new(),
        },
    };

    /// <summary>
    /// The license, when sent, comes from <c>X-Langchain-License-Key</c>; without one the export is accepted unless the
    /// policy refuses what carries none (and no data plane token came).
    /// </summary>
    private static readonly WireCredential Credential = new("license", [CredentialHeaders.LicenseKey], CredentialMissing.RefusedWhenPolicySays);

    // Answers a decoded export whose license the pipeline accepted (or that carried none it had to). A comment, not
    // XML documentation: the OpenAPI document would take that for the operation's summary.
    internal static IResult Export(Wire<OtlpExport> request)
    {
        var export = request.Body;
        // A refused license recorded its refusal instead; a fault rule's partial success keeps these details.
        request.Request.SetDetails(export.Details, OtlpJsonViews.Default.OtlpDetails);

        // A fault rule's partial success stands in for the real answer, as a fault's status would.
        if (request.Request.PartialSuccess is { } partial)
            return OtlpResults.Success(export.Signal, export.Encoding, partial.Rejected, partial.Message);
        return OtlpResults.Success(export.Signal, export.Encoding, export.Details.Rejected, export.RejectionMessage);
    }
}
