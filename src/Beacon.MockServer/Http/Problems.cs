using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Http;

/// <summary>RFC 9457 problem bodies, the one error shape of the Beacon JSON endpoints and the mock's API.</summary>
internal static class Problems
{
    /// <summary>A 400 whose <c>errors</c> map each field (a JSON path) to what is wrong with it.</summary>
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        var summary = string.Join("; ", errors.Take(5).Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
        var problem = new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = errors.Count > 5 ? $"{summary}; and {errors.Count - 5} more" : summary,
        };
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Status(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}

/// <summary>Collects validation errors keyed by field, in the order they were found.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    public void RequireNonEmpty(string field, string? value)
    {
        if (value is null)
            Add(field, "is required and must be a non-empty string");
        else if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
            Add(field, "must be a non-empty string");
    }

    public ValidationErrors With(string field, string message)
    {
        Add(field, message);
        return this;
    }

    public ProblemHttpResult ToProblem() => Problems.Validation(ToDictionary());

    /// <summary>The errors as the failure a wire route refuses the request with, before its handler runs.</summary>
    public BodyFailure ToFailure()
    {
        var problem = Problems.Validation(ToDictionary()).ProblemDetails;
        return new BodyFailure(StatusCodes.Status400BadRequest, problem.Title!, problem.Detail!, ToDictionary());
    }

    private Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
