using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.MockServer.Pipeline;

/// <summary>
/// The namespace a request was sent under. Every wire route also answers at <c>/ns/{name}/...</c>; its
/// captures, fault rules and run-time licenses can be scoped to that name, so parallel tests sharing
/// one mock never see each other's data.
/// </summary>
internal sealed record WireNamespace(string Name)
{
    public const int MaxLength = 64;

    /// <summary>What a namespace may be, as the error messages say it.</summary>
    public const string Rule = "1 to 64 letters, digits, '-', '_' or '.'";

    /// <summary>Letters, digits, '-', '_' and '.', up to 64 characters: safe in a URL, a query and a log.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static string? Of(HttpContext context) => context.Features.Get<WireNamespace>()?.Name;

    /// <summary>The 400 for a <c>namespace</c> query parameter no request could be sent under; null when it is absent or valid.</summary>
    public static ProblemHttpResult? CheckParameter(string? name) =>
        name is not null && !IsValid(name) ? Problems.Validation("namespace", $"'{name}' is not a valid namespace: use {Rule}") : null;
}
