using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>What a test does with fault rules and the requests they answer, in a line each.</summary>
internal static class FaultApi
{
    public const string Route = "/mock/faults";
    public const string Verify = "/v1/beacon/verify";

    /// <summary>Adds a rule, asserting it was taken (201), and returns it as the API answered it.</summary>
    public static async Task<JsonElement> AddFaultAsync(this HttpClient client, string rule)
    {
        var response = await client.PostJsonAsync(Route, rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement[]> FaultsAsync(this HttpClient client, string query = "")
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"{Route}{query}");
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    public static async Task<JsonElement> FaultAsync(this HttpClient client, long id) =>
        Assert.Single(await client.FaultsAsync(), rule => rule.GetProperty("id").GetInt64() == id);

    public static Task<HttpResponseMessage> VerifyAsync(this HttpClient client, string license = "lcl_faults", string prefix = "") =>
        client.PostJsonAsync(prefix + Verify, $$"""{"license":"{{license}}"}""");

    /// <summary>The capture's <c>faultId</c>, or null when no rule fired for it.</summary>
    public static long? FaultId(this JsonElement capture) =>
        capture.GetProperty("faultId") is { ValueKind: JsonValueKind.Number } id ? id.GetInt64() : null;
}
