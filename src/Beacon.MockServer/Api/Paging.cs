using System.ComponentModel;
using Beacon.MockServer.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.MockServer.Api;

/// <summary>
/// The paging every /mock list and view shares, bound with <c>[AsParameters]</c> beside the list's own filters:
/// <c>after</c>, <c>limit</c> and <c>order</c>, their defaults and their rules, stated here once.
/// </summary>
internal sealed record Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    [FromQuery(Name = "after"), Description("Only captures (in a view, items of captures) with a sequence greater than this")]
    public long? After { get; init; }

    [FromQuery(Name = "limit"), Description("Most items to return: 1 to 1000, default 100")]
    public int? Limit { get; init; }

    [FromQuery(Name = "order"), Description("asc: oldest first (the default); desc: newest first")]
    public string? Order { get; init; }

    public int PageSize => Limit ?? DefaultLimit;

    /// <summary>Newest capture first (in a view, and within an export its last item first).</summary>
    public bool NewestFirst => Order == "desc";

    /// <summary>
    /// <c>limit</c> 1 to 1000, <c>after</c> not negative; null when both are fine. (<c>order</c> is one of its words
    /// by the time a handler runs: <see cref="StrictQuery"/> has checked it.)
    /// </summary>
    public ProblemHttpResult? Check() =>
        Limit is < 1 or > MaxLimit ? Problems.Validation("limit", $"must be between 1 and {MaxLimit} (was {Limit})")
        : After is < 0 ? Problems.Validation("after", $"must not be negative (was {After})")
        : null;
}
