using System.Net;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Usage;

/// <summary>
/// LangGraph's usage report, on the documented route and the one the LangGraph server posts to.
/// The key may come as license_key, license or api_key; measures are numbers, tags are strings.
/// Each case is the documented sample with exactly one thing changed.
/// </summary>
public sealed class MetadataValidationTests : HostedTest
{
    private const string DocumentedRoute = "/v1/metadata/submit";
    private const string LangGraphRoute = "/v1/beacon/metadata/submit";
    private const string SampleKey = "lcl_<YOUR_LICENSE_KEY>";

    public static TheoryData<string> Routes => [DocumentedRoute, LangGraphRoute];

    public static TheoryData<string, string> KeyNamesOnBothRoutes => OnBothRoutes("license_key", "license", "api_key");

    [Theory]
    [MemberData(nameof(KeyNamesOnBothRoutes))]
    public async Task Metadata_AnyOneKeyName_IsAcceptedAndCapturedAsTheLicense(string route, string keyName)
    {
        var body = Sample();
        body.Remove("license_key");
        body[keyName] = $"lcl_sent_as_{keyName}";

        var response = await Client.PostJsonAsync(route, body.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(204, capture.GetProperty("status").GetInt32());
        Assert.Equal($"lcl_sent_as_{keyName}", capture.GetProperty("license").GetString());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_NoKeyAtAll_Returns400NamingLicenseKey(string route)
    {
        var body = Sample();
        body.Remove("license_key");

        var errors = await AssertRejectedAsync(await PostAsync(route, body), "license_key");

        // The message says which names would have done.
        Assert.Contains("api_key", errors);
    }

    [Theory]
    [MemberData(nameof(KeyNamesOnBothRoutes))]
    public async Task Metadata_EmptyKey_Returns400NamingTheKeyGiven(string route, string keyName)
    {
        var body = Sample();
        body.Remove("license_key");
        body[keyName] = "";

        await AssertRejectedAsync(await PostAsync(route, body), keyName);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_FromAfterTo_Returns400NamingFromTimestamp(string route)
    {
        var body = Sample();
        body["from_timestamp"] = "2025-01-06T10:00:01Z";

        await AssertRejectedAsync(await PostAsync(route, body), "from_timestamp");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_FromEqualToTo_IsAccepted(string route)
    {
        var body = Sample();
        body["from_timestamp"] = body["to_timestamp"]!.DeepClone();

        await AssertAcceptedAsync(await PostAsync(route, body));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_TimestampWithoutOffset_Returns400NamingTheField(string route)
    {
        var body = Sample();
        body["to_timestamp"] = "2025-01-06T10:00:00";

        await AssertRejectedAsync(await PostAsync(route, body), "to_timestamp");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_MeasureWithStringValue_Returns400NamingTheMeasure(string route)
    {
        var body = Sample();
        body["measures"]!["langgraph.platform.runs"] = "150";

        await AssertRejectedAsync(await PostAsync(route, body), "measures['langgraph.platform.runs']");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_FractionalMeasure_IsAccepted(string route)
    {
        var body = Sample();
        body["measures"]!["langgraph.platform.runs"] = 150.5;

        await AssertAcceptedAsync(await PostAsync(route, body));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_TagWithNumberValue_Returns400NamingTheTag(string route)
    {
        var body = Sample();
        body["tags"]!["langgraph.platform.plan"] = 3;

        await AssertRejectedAsync(await PostAsync(route, body), "tags['langgraph.platform.plan']");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_TagWithNullValue_Returns400NamingTheTag(string route)
    {
        var body = Sample();
        body["tags"]!["region"] = null;

        await AssertRejectedAsync(await PostAsync(route, body), "tags.region");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_DottedTagNameWithNullValue_IsNamedLikeTheSameTagWithAWrongType(string route)
    {
        // A documented tag name holds dots, so the field's JSON path is tags['langgraph.platform.plan'],
        // as the answer to a number in the same tag says; tags.langgraph.platform.plan would be a nested path.
        var body = Sample();
        body["tags"]!["langgraph.platform.plan"] = null;

        await AssertRejectedAsync(await PostAsync(route, body), "tags['langgraph.platform.plan']");
    }

    [Theory]
    [InlineData("measures")]
    [InlineData("tags")]
    public async Task Metadata_MeasuresOrTagsMissing_Returns400NamingTheField(string field)
    {
        var body = Sample();
        body.Remove(field);

        await AssertRejectedAsync(await PostAsync(DocumentedRoute, body), field);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_LogsAbsent_IsAccepted(string route)
    {
        var body = Sample();
        body.Remove("logs");

        await AssertAcceptedAsync(await PostAsync(route, body));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_LogsAnArrayOfObjects_IsAccepted(string route)
    {
        var body = Sample();
        body["logs"] = JsonNode.Parse("""
            [
              {"level": "error", "message": "run failed", "timestamp": "2025-01-06T09:30:00Z"},
              {"level": "warning", "message": "queue slow", "attributes": {"depth": 42}}
            ]
            """);

        await AssertAcceptedAsync(await PostAsync(route, body));
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(2, capture.GetProperty("payload").GetProperty("logs").GetArrayLength());
    }

    [Theory]
    [InlineData("\"run failed\"")]
    [InlineData("""{"level":"error"}""")]
    [InlineData("42")]
    public async Task Metadata_LogsNotAnArray_Returns400NamingLogs(string logs)
    {
        var body = Sample();
        body["logs"] = JsonNode.Parse(logs);

        await AssertRejectedAsync(await PostAsync(DocumentedRoute, body), "logs");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Metadata_DocumentedSample_IsCapturedWithItsKeyAndNoFindings(string route)
    {
        await AssertAcceptedAsync(await PostAsync(route, Sample()));

        var capture = await Client.LastCaptureAsync();
        Assert.Equal(SampleKey, capture.GetProperty("license").GetString());
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
    }

    private static TheoryData<string, string> OnBothRoutes(params string[] values)
    {
        var data = new TheoryData<string, string>();
        foreach (var route in new[] { DocumentedRoute, LangGraphRoute })
        {
            foreach (var value in values)
                data.Add(route, value);
        }
        return data;
    }

    private static JsonObject Sample() => Validation.SampleObject("metadata-submit-request");

    private Task<HttpResponseMessage> PostAsync(string route, JsonNode body) => Client.PostJsonAsync(route, body.ToJsonString());

    /// <summary>Refused naming exactly <paramref name="field"/>; returns that field's messages.</summary>
    private async Task<string> AssertRejectedAsync(HttpResponseMessage response, string field) =>
        (await Client.AssertRejectedAsync(response, field)).Messages;

    private static async Task AssertAcceptedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
