using System.Text.Json;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>A capture's findings as its route made them, for the tests of a route's own checks.</summary>
internal static class RouteFindings
{
    /// <summary>What the egress audit's findings start with: each names a promise the request broke (Features/Egress tests them).</summary>
    public const string EgressPrefix = "Breaks the egress promise ";

    /// <summary>The capture's findings, without the egress audit's.</summary>
    public static IEnumerable<JsonElement> OfTheRoute(this JsonElement capture) =>
        capture.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("message").GetString()?.StartsWith(EgressPrefix, StringComparison.Ordinal) != true);
}
