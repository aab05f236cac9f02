using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>What validation tests share: a documented sample to change one thing in, and the shape of a refusal.</summary>
internal static class Validation
{
    /// <summary>The documented sample as a mutable JSON object.</summary>
    public static JsonObject SampleObject(string name) => JsonNode.Parse(Wire.Sample(name))!.AsObject();

    /// <summary>Sets <paramref name="name"/> to the JSON text <paramref name="json"/>, or removes it when that is null.</summary>
    public static void Set(this JsonObject target, string name, string? json)
    {
        if (json is null)
            target.Remove(name);
        else
            target[name] = JsonNode.Parse(json);
    }

    /// <summary>
    /// A 400 problem whose errors name exactly <paramref name="field"/>, with a message, and a capture that
    /// says 400. Returns the field's messages and the capture.
    /// </summary>
    public static async Task<(string Messages, JsonElement Capture)> AssertRejectedAsync(
        this HttpClient client, HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        var messages = string.Join("; ", errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(messages));
        var capture = await client.LastCaptureAsync();
        Assert.Equal(400, capture.GetProperty("status").GetInt32());
        return (messages, capture);
    }
}
