
namespace Beacon.MockServer.Http;

/// <summary>
/// Why a request cannot be taken (its body unreadable, too large, malformed or invalid, its credential refused), as
/// the problem that answers it; <see cref="Errors"/> keys what is wrong by field, for a validation problem.
/// </summary>
/// <param name="Extensions">Members the problem carries beside its detail (a refusal's <c>reason</c>).</param>
/// <param name="Field">Where the problem is, when it is in one place that <see cref="Errors"/> does not name: a body field or a header.</param>
/// <param name="Body">
/// A JSON body to answer as it is, where the route's error shape is JSON of its own choosing (a fault rule's body on a
/// Beacon JSON route); a route whose shape is fixed (OTLP's Status) answers <see cref="Detail"/> instead.
/// </param>
internal sealed record BodyFailure(
    int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null, System.Text.Json.JsonElement? Body = null, string? Field = null)
{
    /// <summary>A 400 whose one error names <paramref name="field"/>.</summary>
    public static BodyFailure Invalid(string field, string message) => new ValidationErrors().With(field, message).ToFailure();

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() =>
        Errors is { } errors ? Problems.Validation(errors)
        : Problems.Status(Status, Title, Detail, Extensions is null ? null : new Dictionary<string, object?>(Extensions));

    /// <summary>The answer of a route whose error shape is problem details: <see cref="Body"/> as it is when set, else the problem.</summary>
    public IResult ToJsonAnswer() =>
        Body is { } body ? TypedResults.Text(body.GetRawText(), "application/json", statusCode: Status) : ToProblem();
}
