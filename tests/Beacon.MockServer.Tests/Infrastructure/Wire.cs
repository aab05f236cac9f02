using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.MockServer.Http;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>Small helpers that keep tests reading like what a client does.</summary>
internal static class Wire
{
    /// <summary>How the tests read the mock's JSON: deep enough for any OTLP value it keeps (1,000 levels).</summary>
    public static readonly JsonSerializerOptions Reading = new(JsonSerializerDefaults.Web) { MaxDepth = 4096 };

    public static readonly JsonDocumentOptions Document = new() { MaxDepth = 4096 };

    /// <summary>A documented sample from Beacon's docs, byte for byte.</summary>
    public static string Sample(string name) => DocumentedSamples.Read(name);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, Json(json));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text, Document);
        return document.RootElement.Clone();
    }

    /// <summary>Reads a problem body, asserting it is one (RFC 9457 content type and a status).</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The fields a validation problem names in its <c>errors</c> map.</summary>
    public static async Task<string[]> ReadErrorFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ReadProblemAsync();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    public static async Task<JsonElement[]> CapturesAsync(this HttpClient client, string query = "")
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/mock/captures{query}", Reading);
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Every capture in the store, page by page (at most <paramref name="pages"/> pages of 1,000).</summary>
    public static async Task<JsonElement[]> AllCapturesAsync(this HttpClient client, int pages = 20)
    {
        var all = new List<JsonElement>();
        for (var page = 0; page < pages; page++)
        {
            var after = all.Count == 0 ? 0 : all[^1].GetProperty("sequence").GetInt64();
            var items = await client.CapturesAsync($"?limit=1000&after={after}");
            if (items.Length == 0)
                break;
            all.AddRange(items);
        }
        return [.. all];
    }

    public static async Task<JsonElement> LastCaptureAsync(this HttpClient client)
    {
        var captures = await client.CapturesAsync("?limit=1000");
        return captures[^1];
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? body, string? contentType)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return request;
    }
}
