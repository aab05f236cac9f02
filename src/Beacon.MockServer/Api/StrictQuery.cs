using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Beacon.MockServer.Http;
using Beacon.MockServer.Pipeline;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Api;

/// <summary>
/// The mock's own API reads its query strictly, before anything binds it: a name the route does not take
/// (<c>?licence=x</c>), a value of the wrong type (<c>limit=abc</c>), a name given twice, an unknown kind or a
/// word outside its list is a 400 validation problem keyed by the parameter, which lists what the route takes,
/// never a C# type name and never silently ignored. The wire routes are left alone: real clients send what they send.
/// </summary>
internal sealed class StrictQuery(RequestDelegate next, IEnumerable<WireKind> kinds)
{
    private const string Prefix = "/mock";

    /// <summary>
    /// The words a parameter of this name may take, besides <c>kind</c> (the capture kinds): the only check of them,
    /// since this runs before any handler, and what the OpenAPI document lists as their enums.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Words = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["order"] = ["asc", "desc"],
        ["stage"] = ["completed", "received"],
        ["format"] = ["json", "markdown", "junit"],
    };

    private readonly string[] _kinds = [.. kinds.Select(k => k.Name)];
    private readonly ConcurrentDictionary<Endpoint, IReadOnlyDictionary<string, Type>> _parameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix) || context.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler || endpoint.Metadata.GetMetadata<Fallback>() is not null)
            return next(context);
        var accepted = _parameters.GetOrAdd(endpoint, _ => QueryParametersOf(handler, endpoint));
        var errors = new ValidationErrors();
        foreach (var (name, values) in context.Request.Query)
        {
            if (!accepted.TryGetValue(name, out var type))
                errors.Add(name, accepted.Count == 0 ? "is not a parameter of this route, which takes none" : $"is not a parameter of this route, which takes {string.Join(", ", accepted.Keys.Order())}");
            else if (values.Count > 1)
                errors.Add(name, "is given more than once; give it once");
            else if (Check(name, type, values.ToString()) is { } problem)
                errors.Add(name, problem);
        }
        return errors.Any ? errors.ToProblem().ExecuteAsync(context) : next(context);
    }

    /// <summary>What is wrong with <paramref name="value"/> for a parameter of this name and type; null when nothing is.</summary>
    private string? Check(string name, Type type, string value)
    {
        var allowed = name == "kind" ? _kinds : Words.GetValueOrDefault(name);
        if (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
            return $"must be one of {string.Join(", ", allowed)} (was '{value}')";
        return (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(int) => Integer(value, int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), "2147483647"),
            var t when t == typeof(long) => Integer(value, long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), "9223372036854775807"),
            var t when t == typeof(bool) => value is "true" or "false" ? null : $"must be true or false (was '{value}')",
            _ => null,
        };
    }

    private static string? Integer(string value, bool parsed, string largest) =>
        parsed ? null
        : value.AsSpan().TrimStart('-').Length > 0 && value.AsSpan().TrimStart('-').IndexOfAnyExcept("0123456789") < 0
            ? $"is too large: at most {largest} (was '{value}')"
            : $"must be an integer (was '{value}')";

    /// <summary>
    /// The query parameters a handler binds, by name, with their types: from <c>[FromQuery]</c> parameters, the
    /// properties of <c>[AsParameters]</c> records, and plain parameters of simple types that are not in the route.
    /// </summary>
    private static Dictionary<string, Type> QueryParametersOf(MethodInfo handler, RouteEndpoint endpoint)
    {
        var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                {
                    if (property.GetCustomAttribute<FromQueryAttribute>() is { } query)
                        found[query.Name ?? property.Name] = property.PropertyType;
                }
            }
            else if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } query)
            {
                found[query.Name ?? parameter.Name!] = parameter.ParameterType;
            }
            else if (IsSimple(parameter.ParameterType) && !route.Contains(parameter.Name!) && parameter.GetCustomAttributes().All(a => a is not FromHeaderAttribute and not FromServicesAttribute))
            {
                found[parameter.Name!.TrimStart('@')] = parameter.ParameterType;
            }
        }
        return found;
    }

    private static bool IsSimple(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var t && (t.IsPrimitive || t == typeof(string) || t.IsEnum);
}
