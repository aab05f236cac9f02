using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.License;

/// <summary><c>POST /v1/beacon/verify</c> takes one field, <c>license</c>: a non-empty string.</summary>
public sealed class VerifyValidationTests : HostedTest
{
    private const string Route = "/v1/beacon/verify";

    [Theory]
    [InlineData("{}", "required")]
    [InlineData("""{"license":null}""", "required")]
    [InlineData("""{"license":""}""", "non-empty")]
    [InlineData("""{"license":"   "}""", "non-empty")]
    [InlineData("""{"license":"\t\n"}""", "non-empty")]
    [InlineData("""{"license":42}""", "a string")]
    [InlineData("""{"license":true}""", "a string")]
    [InlineData("""{"license":["lcl_key"]}""", "a string")]
    [InlineData("""{"license":{"key":"lcl_key"}}""", "a string")]
    public async Task Verify_InvalidLicense_Returns400NamingLicense(string body, string expectedMessage)
    {
        var response = await Client.PostJsonAsync(Route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["license"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(expectedMessage, errors.GetProperty("license")[0].GetString());
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(400, capture.GetProperty("status").GetInt32());
        Assert.Equal("verify", capture.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Verify_InvalidLicense_IssuesNoToken()
    {
        var response = await Client.PostJsonAsync(Route, """{"license":""}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.False(problem.TryGetProperty("token", out _));
        var capture = await Client.LastCaptureAsync();
        Assert.True(!capture.TryGetProperty("details", out var details) || details.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Verify_UnknownTopLevelProperty_IsAcceptedAndReportedAsFinding()
    {
        var response = await Client.PostJsonAsync(Route, """{"license":"lcl_key","edition":"enterprise"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(200, capture.GetProperty("status").GetInt32());
        var finding = Assert.Single(capture.OfTheRoute());
        Assert.Equal("edition", finding.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Verify_SeveralUnknownProperties_AreEachReported()
    {
        var response = await Client.PostJsonAsync(Route, """{"license":"lcl_key","edition":"enterprise","nested":{"a":1}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal(
            ["edition", "nested"],
            capture.OfTheRoute().Select(f => f.GetProperty("path").GetString()).Order());
    }

    [Fact]
    public async Task Verify_DocumentedSample_HasNoFindings()
    {
        var response = await Client.PostJsonAsync(Route, Wire.Sample("verify-request"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Empty(capture.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task Verify_PropertyNameInOtherCase_IsNotTheLicense()
    {
        // Names are case-sensitive on the wire: "License" is an unknown property, and license is missing.
        var response = await Client.PostJsonAsync(Route, """{"License":"lcl_key"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["license"], await response.ReadErrorFieldsAsync());
    }
}
