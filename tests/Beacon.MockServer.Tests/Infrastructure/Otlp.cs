using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Proto = Beacon.MockServer.Features.Otlp.Protobuf;

namespace Beacon.MockServer.Tests.Infrastructure;

/// <summary>What an OTLP/HTTP client does: protobuf or JSON bodies, optionally compressed, and Status bodies back.</summary>
internal static class Otlp
{
    public const string Traces = "/v1/beacon/v1/traces";
    public const string Metrics = "/v1/beacon/v1/metrics";
    public const string Logs = "/v1/beacon/v1/logs";
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    /// <summary>A body with these headers; a null Content-Type is left out, as a careless client would.</summary>
    public static ByteArrayContent Content(byte[] body, string? contentType, string? contentEncoding = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (contentEncoding is not null)
            content.Headers.ContentEncoding.Add(contentEncoding);
        return content;
    }

    public static Task<HttpResponseMessage> PostOtlpAsync(this HttpClient client, string path, byte[] body, string contentType, string? contentEncoding = null) =>
        client.PostAsync(path, Content(body, contentType, contentEncoding));

    public static Task<HttpResponseMessage> PostProtobufAsync(this HttpClient client, string path, IMessage message, bool gzip = false) =>
        client.PostOtlpAsync(path, gzip ? Gzip(message.ToByteArray()) : message.ToByteArray(), Protobuf, gzip ? "gzip" : null);

    public static Task<HttpResponseMessage> PostOtlpJsonAsync(this HttpClient client, string path, string json, bool gzip = false)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(json);
        return client.PostOtlpAsync(path, gzip ? Gzip(body) : body, Json, gzip ? "gzip" : null);
    }

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(body);
        return output.ToArray();
    }

    /// <summary>
    /// The message as OTLP JSON: proto3's JSON mapping (which Google.Protobuf writes) with the one
    /// difference OTLP makes, trace and span ids in hex rather than base64.
    /// </summary>
    public static string ToOtlpJson(IMessage message)
    {
        var json = JsonNode.Parse(new JsonFormatter(JsonFormatter.Settings.Default).Format(message), documentOptions: Wire.Document)!;
        RewriteIds(json, id => Convert.ToHexStringLower(Convert.FromBase64String(id)));
        return json.ToJsonString(Wire.Reading);
    }

    /// <summary>Reads OTLP JSON (a captured payload) back into a message, its hex ids turned into proto3's base64.</summary>
    public static IMessage FromOtlpJson(string otlpJson, Google.Protobuf.Reflection.MessageDescriptor descriptor)
    {
        var json = JsonNode.Parse(otlpJson)!;
        RewriteIds(json, id => Convert.ToBase64String(Convert.FromHexString(id)));
        return JsonParser.Default.Parse(json.ToJsonString(), descriptor);
    }

    private static void RewriteIds(JsonNode? node, Func<string, string> rewrite)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    if (key is "traceId" or "spanId" or "parentSpanId" && value is JsonValue id)
                        json[key] = rewrite(id.GetValue<string>());
                    else
                        RewriteIds(value, rewrite);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    RewriteIds(item, rewrite);
                break;
        }
    }

    /// <summary>Reads a google.rpc.Status, asserting it is encoded as <paramref name="contentType"/>.</summary>
    public static async Task<Proto.Status> ReadStatusAsync(this HttpResponseMessage response, string contentType)
    {
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        return contentType == Protobuf
            ? Proto.Status.Parser.ParseFrom(body)
            : JsonParser.Default.Parse<Proto.Status>(System.Text.Encoding.UTF8.GetString(body));
    }

    /// <summary>The items of a flattened view, e.g. <c>ViewAsync("spans", "?service=x")</c>.</summary>
    public static async Task<JsonElement[]> ViewAsync(this HttpClient client, string view, string query = "")
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/mock/otlp/{view}{query}", Wire.Reading);
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    public static Proto.KeyValue Attribute(string key, Proto.AnyValue value) => new() { Key = key, Value = value };

    public static Proto.KeyValue Attribute(string key, string value) => Attribute(key, new Proto.AnyValue { StringValue = value });

    public static ByteString Id(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));
}
