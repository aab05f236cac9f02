using System.Net;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>What the egress tests send: the documented samples, and requests that break a promise.</summary>
internal static class EgressTraffic
{
    public const string License = "lcl_egress_license_0001";

    public const string Email = "jane.doe@example.com";

    /// <summary>Each documented request sample, posted verbatim where a deployment posts it.</summary>
    public static async Task SendDocumentedSamplesAsync(HttpClient client, string prefix = "")
    {
        (string Path, string Sample)[] samples =
        [
            ("/v1/beacon/verify", "verify-request"),
            ("/v1/beacon/ingest-traces", "ingest-traces-request"),
            ("/v1/beacon/usage-snapshot", "usage-snapshot-request"),
            ("/v1/metadata/submit", "metadata-submit-request"),
            ("/v1/beacon/v1/traces", "otlp-traces-request"),
            ("/v1/beacon/v1/metrics", "otlp-metrics-request"),
            ("/v1/beacon/v1/logs", "otlp-logs-request"),
        ];
        foreach (var (path, sample) in samples)
        {
            var response = await client.PostJsonAsync(prefix + path, Wire.Sample(sample));
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>A logs export of one record at <paramref name="severity"/> whose body says <paramref name="body"/>.</summary>
    public static string Log(int severity, string body, string? severityText = null) => new JsonObject
    {
        ["resourceLogs"] = new JsonArray(new JsonObject
        {
            ["resource"] = new JsonObject { ["attributes"] = new JsonArray(Attribute("service.name", "langsmith_backend")) },
            ["scopeLogs"] = new JsonArray(new JsonObject
            {
                ["logRecords"] = new JsonArray(new JsonObject
                {
                    ["severityNumber"] = severity,
                    ["severityText"] = severityText ?? "Info",
                    ["body"] = new JsonObject { ["stringValue"] = body },
                }),
            }),
        }),
    }.ToJsonString();

    /// <summary>A traces export of one span named <paramref name="name"/> with one string attribute.</summary>
    public static string Span(string name, string key = "endpoint", string value = "/sessions") => new JsonObject
    {
        ["resourceSpans"] = new JsonArray(new JsonObject
        {
            ["scopeSpans"] = new JsonArray(new JsonObject
            {
                ["spans"] = new JsonArray(new JsonObject
                {
                    ["traceId"] = "71699b6fe85982c7c8995ea3d9c95df2",
                    ["spanId"] = "3c191d03fa8be0a1",
                    ["name"] = name,
                    ["attributes"] = new JsonArray(Attribute(key, value)),
                }),
            }),
        }),
    }.ToJsonString();

    /// <summary>The documented sample <paramref name="sample"/> changed by <paramref name="change"/>.</summary>
    public static string Changed(string sample, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Wire.Sample(sample))!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    public static async Task<long> PostAsync(HttpClient client, string path, string json, HttpStatusCode? expected = null)
    {
        var response = await client.PostJsonAsync(path, json);
        if (expected is { } status)
            Assert.Equal(status, response.StatusCode);
        return (await client.LastCaptureAsync()).GetProperty("sequence").GetInt64();
    }

    private static JsonObject Attribute(string key, string value) =>
        new() { ["key"] = key, ["value"] = new JsonObject { ["stringValue"] = value } };
}
