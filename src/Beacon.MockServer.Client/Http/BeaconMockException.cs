using System.Net;
using System.Text.Json;

namespace Beacon.MockServer.Client;

/// <summary>
/// The mock answered a /mock call with an error: an RFC 9457 problem, whose <see cref="Title"/>, <see cref="Detail"/>
/// and, for a validation problem, <see cref="Errors"/> (field to messages: <c>Errors["limit"]</c>) are here.
/// A connection that fails throws <see cref="HttpRequestException"/> as usual.
/// </summary>
public class BeaconMockException : Exception
{
    /// <summary>An error answer.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="title">The problem's title.</param>
    /// <param name="detail">The problem's detail.</param>
    /// <param name="errors">A validation problem's messages by field.</param>
    /// <param name="extensions">The problem's other members.</param>
    /// <param name="body">The body as text, when it was not a problem.</param>
    public BeaconMockException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null,
        IReadOnlyDictionary<string, JsonElement>? extensions = null, string? body = null)
        : base(Describe(status, title, detail))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        Extensions = extensions ?? new Dictionary<string, JsonElement>();
        Body = body;
    }

    /// <summary>The HTTP status the mock answered.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's title ("The request is not valid."); null when the answer was not a problem.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail: what exactly was wrong.</summary>
    public string? Detail { get; }

    /// <summary>A validation problem's messages by field (a query parameter, or a JSON path into the body); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The problem's other members (<c>reason</c>, <c>traceId</c>, a wait's <c>expected</c>...).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    /// <summary>The answer's body as text, when it was not a problem.</summary>
    public string? Body { get; }

    private static string Describe(HttpStatusCode status, string? title, string? detail) =>
        $"The mock answered {(int)status} {status}" + (title is null ? "." : $": {title}") + (detail is null ? "" : $" {detail}");
}

/// <summary>A wait that timed out: the mock's 408 problem, with how many items were expected and how many matched.</summary>
public sealed class BeaconMockWaitTimeoutException : BeaconMockException
{
    /// <summary>A 408 answer to a wait.</summary>
    /// <param name="title">The problem's title.</param>
    /// <param name="detail">The problem's detail: how long it waited, for how many, how many matched.</param>
    /// <param name="expected">How many items the wait asked for.</param>
    /// <param name="matched">How many matched.</param>
    /// <param name="lastSequence">The newest capture sequence then.</param>
    /// <param name="extensions">The problem's other members.</param>
    /// <param name="filters">The wait's filters, as it sent them.</param>
    /// <param name="nearMisses">What arrived during the wait and did not match, grouped by what differs.</param>
    public BeaconMockWaitTimeoutException(string? title, string? detail, int expected, int matched, long lastSequence,
        IReadOnlyDictionary<string, JsonElement>? extensions = null, IReadOnlyDictionary<string, string>? filters = null,
        IReadOnlyList<NearMiss>? nearMisses = null)
        : base(HttpStatusCode.RequestTimeout, title, detail, null, extensions)
    {
        Expected = expected;
        Matched = matched;
        LastSequence = lastSequence;
        Filters = filters ?? new Dictionary<string, string>();
        NearMisses = nearMisses ?? [];
    }

    /// <summary>The wait's filters, as it sent them (<c>kind=verify</c>, <c>namespace=t1</c>).</summary>
    public IReadOnlyDictionary<string, string> Filters { get; }

    /// <summary>
    /// Up to five groups of captures that arrived during the wait and did not match it, largest first: the clue to a
    /// wrong kind, namespace or license, or a path no route serves.
    /// </summary>
    public IReadOnlyList<NearMiss> NearMisses { get; }

    /// <summary>How many items the wait asked for.</summary>
    public int Expected { get; }

    /// <summary>How many matched when it timed out.</summary>
    public int Matched { get; }

    /// <summary>The newest capture sequence when it timed out.</summary>
    public long LastSequence { get; }
}

/// <summary>A group of captures that arrived during a wait and did not match it.</summary>
/// <param name="Kind">Their kind, as the mock names it (<c>unmatched</c> for a path no route serves).</param>
/// <param name="Namespace">The namespace they were sent under; null for the plain routes.</param>
/// <param name="License">Their license's masked fingerprint (<c>lcl_…#9f86d081</c>), never the key; null when none was sent.</param>
/// <param name="Path">Their method and path: <c>POST /v1/v1/traces</c>.</param>
/// <param name="Count">How many.</param>
/// <param name="Differs">What differs from the wait's filters: kind, namespace, license, after, stage.</param>
public sealed record NearMiss(string Kind, string? Namespace, string? License, string Path, int Count, IReadOnlyList<string> Differs);
