using System.Net;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Usage;

/// <summary>
/// <c>POST /v1/beacon/usage-snapshot</c>: a license key, a period that moves forward, and non-negative
/// integer measures. Measures beyond the twelve documented ones are accepted and reported.
/// Each case is the documented sample with exactly one thing changed.
/// </summary>
public sealed class UsageSnapshotValidationTests : HostedTest
{
    private const string Route = "/v1/beacon/usage-snapshot";

    public static TheoryData<string> DocumentedMeasures =>
    [
        "workspaces", "users", "projects", "experiments", "datasets", "evaluators",
        "run_rules", "annotation_queues", "prompts", "prompt_commits", "prompt_pulls", "active_pats_30d",
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\" \"")]
    [InlineData("12345")]
    public async Task UsageSnapshot_MissingOrEmptyLicenseKey_Returns400NamingLicenseKey(string? value)
    {
        var body = Sample();
        body.Set("license_key", value);

        await AssertRejectedAsync(await PostAsync(body), "license_key");
    }

    [Fact]
    public async Task UsageSnapshot_LicenseInsteadOfLicenseKey_Returns400NamingLicenseKey()
    {
        // verify and ingest-traces call it "license"; the usage snapshot documents "license_key".
        var body = Sample();
        body["license"] = body["license_key"]!.DeepClone();
        body.Remove("license_key");

        await AssertRejectedAsync(await PostAsync(body), "license_key");
    }

    [Theory]
    [InlineData("2026-03-26T02:00:00+00:00")]
    [InlineData("2026-03-26T02:00:00Z")]
    [InlineData("2026-03-26T03:00:00+01:00")]
    [InlineData("2026-03-27T02:00:00+00:00")]
    [InlineData("2026-03-26T02:00:00.000001+00:00")]
    public async Task UsageSnapshot_FromAtOrAfterTo_Returns400NamingFromTimestamp(string from)
    {
        var body = Sample();
        body["from_timestamp"] = from;

        await AssertRejectedAsync(await PostAsync(body), "from_timestamp");
    }

    [Theory]
    [InlineData("2026-03-26T01:59:59+00:00")]
    [InlineData("2026-03-26T02:59:59.999+01:00")]
    public async Task UsageSnapshot_FromJustBeforeTo_IsAccepted(string from)
    {
        var body = Sample();
        body["from_timestamp"] = from;

        await AssertAcceptedAsync(await PostAsync(body));
    }

    [Theory]
    [InlineData("from_timestamp", null)]
    [InlineData("from_timestamp", "null")]
    [InlineData("from_timestamp", "\"\"")]
    [InlineData("from_timestamp", "\"2026-03-25T02:00:00\"")]
    [InlineData("from_timestamp", "\"2026-03-25\"")]
    [InlineData("from_timestamp", "\"last tuesday\"")]
    [InlineData("from_timestamp", "1774404000")]
    [InlineData("to_timestamp", null)]
    [InlineData("to_timestamp", "\"2026-03-26T02:00:00\"")]
    [InlineData("to_timestamp", "\"2026-02-30T02:00:00+00:00\"")]
    [InlineData("to_timestamp", "\"26/03/2026 02:00\"")]
    [InlineData("to_timestamp", "1774490400")]
    public async Task UsageSnapshot_MalformedTimestamp_Returns400NamingTheField(string field, string? value)
    {
        var body = Sample();
        body.Set(field, value);

        await AssertRejectedAsync(await PostAsync(body), field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"workspaces=12\"")]
    [InlineData("12")]
    public async Task UsageSnapshot_MeasuresMissingOrNotAnObject_Returns400NamingMeasures(string? value)
    {
        var body = Sample();
        body.Set("measures", value);

        await AssertRejectedAsync(await PostAsync(body), "measures");
    }

    [Theory]
    [InlineData("workspaces", "-1")]
    [InlineData("users", "-63")]
    [InlineData("projects", "87.5")]
    [InlineData("prompt_pulls", "0.5")]
    [InlineData("datasets", "\"15\"")]
    [InlineData("evaluators", "null")]
    [InlineData("active_pats_30d", "true")]
    [InlineData("run_rules", "{}")]
    [InlineData("prompts", "9223372036854775808")]
    public async Task UsageSnapshot_MeasureNotANonNegativeInteger_Returns400NamingTheMeasure(string measure, string value)
    {
        var body = Sample();
        body["measures"]!.AsObject().Set(measure, value);

        await AssertRejectedAsync(await PostAsync(body), $"measures.{measure}");
    }

    [Fact]
    public async Task UsageSnapshot_UnknownMeasureWithNegativeValue_Returns400NamingIt()
    {
        var body = Sample();
        body["measures"]!["gpu_hours"] = -2;

        await AssertRejectedAsync(await PostAsync(body), "measures.gpu_hours");
    }

    [Fact]
    public async Task UsageSnapshot_UnknownMeasure_IsAcceptedAndReportedAsFinding()
    {
        var body = Sample();
        body["measures"]!["gpu_hours"] = 3;

        await AssertAcceptedAsync(await PostAsync(body));
        var capture = await Client.LastCaptureAsync();
        var finding = Assert.Single(capture.OfTheRoute());
        Assert.Equal("measures.gpu_hours", finding.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task UsageSnapshot_UnknownTopLevelProperty_IsAcceptedAndReportedAsFinding()
    {
        var body = Sample();
        body["deployment_id"] = "d-1";

        await AssertAcceptedAsync(await PostAsync(body));
        var capture = await Client.LastCaptureAsync();
        var finding = Assert.Single(capture.OfTheRoute());
        Assert.Equal("deployment_id", finding.GetProperty("path").GetString());
    }

    [Fact]
    public async Task UsageSnapshot_TheTwelveDocumentedMeasures_ProduceNoFindings()
    {
        var body = Sample();
        Assert.Equal(12, body["measures"]!.AsObject().Count);

        await AssertAcceptedAsync(await PostAsync(body));
        var capture = await Client.LastCaptureAsync();
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(DocumentedMeasures))]
    public async Task UsageSnapshot_EachDocumentedMeasureAlone_ProducesNoFinding(string measure)
    {
        var body = Sample();
        body["measures"] = new JsonObject { [measure] = 0 };

        await AssertAcceptedAsync(await PostAsync(body));
        var capture = await Client.LastCaptureAsync();
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task UsageSnapshot_EmptyMeasures_IsAccepted()
    {
        var body = Sample();
        body["measures"] = new JsonObject();

        await AssertAcceptedAsync(await PostAsync(body));
    }

    [Fact]
    public async Task UsageSnapshot_DocumentedMeasureInOtherCase_IsReportedAsUnknown()
    {
        var body = Sample();
        body["measures"] = new JsonObject { ["Workspaces"] = 12 };

        await AssertAcceptedAsync(await PostAsync(body));
        var capture = await Client.LastCaptureAsync();
        var finding = Assert.Single(capture.OfTheRoute());
        Assert.Equal("measures.Workspaces", finding.GetProperty("path").GetString());
    }

    private static JsonObject Sample() => Validation.SampleObject("usage-snapshot-request");

    private Task<HttpResponseMessage> PostAsync(JsonNode body) => Client.PostJsonAsync(Route, body.ToJsonString());

    private Task AssertRejectedAsync(HttpResponseMessage response, string field) => Client.AssertRejectedAsync(response, field);

    private static async Task AssertAcceptedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }
}
