using System.Text.Json;
using Beacon.MockServer.Http;
using Beacon.MockServer.Store;

namespace Beacon.MockServer.Pipeline;

/// <summary>Findings the JSON contracts share.</summary>
internal static class UnknownFields
{
    /// <summary>Notes each property a contract does not know: accepted, since clients add fields, but reported.</summary>
    public static void Report(List<Finding> findings, string prefix, Dictionary<string, JsonElement>? unknown)
    {
        foreach (var name in unknown?.Keys ?? Enumerable.Empty<string>())
            findings.Add(new Finding(JsonPath.Member(prefix, name), "unknown property; accepted and ignored"));
    }
}
