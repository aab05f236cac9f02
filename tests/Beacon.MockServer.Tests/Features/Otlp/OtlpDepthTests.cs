using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Google.Protobuf;

namespace Beacon.MockServer.Tests.Features.Otlp;

/// <summary>
/// OTLP sets no depth for an AnyValue; the mock takes 1,000 levels of nesting in either encoding (an array value
/// takes two in protobuf and three in JSON, so about 330 nested arrays in JSON, 500 in protobuf), keeps and shows
/// such an export whole, and refuses a deeper one with a 400 that says how deep is too deep.
/// </summary>
public sealed class OtlpDepthTests : HostedTest
{
    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf, 450)]
    [InlineData(Infrastructure.Otlp.Json, 300)]
    public async Task AValueNestedHundredsDeep_IsTaken_AndReadsBackWhole(string contentType, int depth)
    {
        var response = await PostAsync(contentType, depth);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = Assert.Single(await Client.ViewAsync("logs"));
        Assert.Equal(depth, Depth(log.GetProperty("body")));
        var capture = await Client.LastCaptureAsync();
        var body = capture.GetProperty("payload").GetProperty("resourceLogs")[0].GetProperty("scopeLogs")[0].GetProperty("logRecords")[0].GetProperty("body");
        Assert.Equal(depth, DepthOfAnyValue(body));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/mock/captures/export")).StatusCode);
    }

    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf, 600)]
    [InlineData(Infrastructure.Otlp.Json, 400)]
    public async Task AValueNestedDeeperThanTheLimit_Is400SayingSo(string contentType, int depth)
    {
        var response = await PostAsync(contentType, depth);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadStatusAsync(contentType)).Message;
        Assert.Contains("depth of 1000", message.Replace("deeper than 1000", "depth of 1000"));
        Assert.Equal(400, (await Client.LastCaptureAsync()).GetProperty("status").GetInt32());
    }

    private Task<HttpResponseMessage> PostAsync(string contentType, int depth)
    {
        var export = Reliability.MutationInputs.DeepLogs(depth);
        var body = contentType == Infrastructure.Otlp.Protobuf ? export.ToByteArray() : System.Text.Encoding.UTF8.GetBytes(Infrastructure.Otlp.ToOtlpJson(export));
        return Client.PostOtlpAsync(Infrastructure.Otlp.Logs, body, contentType);
    }

    /// <summary>How many arrays deep a plain JSON value nests.</summary>
    private static int Depth(JsonElement value)
    {
        var depth = 0;
        for (; value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0; value = value[0])
            depth++;
        return depth;
    }

    /// <summary>How many arrayValues deep an OTLP JSON AnyValue nests.</summary>
    private static int DepthOfAnyValue(JsonElement value)
    {
        var depth = 0;
        while (value.TryGetProperty("arrayValue", out var array) && array.TryGetProperty("values", out var values))
        {
            depth++;
            value = values[0];
        }
        return depth;
    }
}
