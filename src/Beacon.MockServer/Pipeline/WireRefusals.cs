using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>Requests refused before their route runs, answered in the shape of the route they were routed to.</summary>
internal static class WireRefusals
{
    /// <summary>The answer to a request refused before its handler ran: the wire route's own error shape, else a problem.</summary>
    public static IResult Refusal(this HttpContext context, BodyFailure failure) =>
        context.GetEndpoint()?.Metadata.GetMetadata<WireRoute>()?.Format.Refuse(context, failure) ?? failure.ToProblem();

    /// <summary>
    /// What a refusal records on the capture, in the words of the answer: one finding per field of a validation
    /// problem, else one at the field or header at fault (the body as a whole when none is).
    /// </summary>
    public static IReadOnlyList<Finding> FindingsOf(BodyFailure failure) =>
        failure.Errors is { Count: > 0 } errors
            ? [.. errors.SelectMany(e => e.Value.Select(message => new Finding(e.Key, message)))]
            : [new Finding(failure.Field ?? "$", $"Answered {failure.Status}: {failure.Detail}")];

    /// <summary>
    /// After routing, so the refusal takes the shape of the route the request was for; before capture, so it is not
    /// captured: a URL or headers past <see cref="RequestLimits"/>.
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use((context, next) =>
        RequestLimits.Check(context.Request) is { } failure ? context.Refusal(failure).ExecuteAsync(context) : next(context));
}
