using System.Net;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Api;

/// <summary>Every mistake on the mock's own API is a problem that says what to do: a wrong method, an unknown path, a path value or an id filter of the wrong shape.</summary>
public sealed class MockMistakesTests : HostedTest
{
    [Fact]
    public async Task AWrongMethod_Is405_WithAllow_AndTheMethodToUse()
    {
        var response = await Client.GetAsync("/mock/reset");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("GET is not a method /mock/reset answers: use POST.", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnknownPath_Is404_NamingTheNearestRoutes()
    {
        var response = await Client.GetAsync("/mock/capture");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.StartsWith("No route of this mock is GET /mock/capture; did you mean GET /mock/captures", problem.GetProperty("detail").GetString());
        Assert.Equal("GET /mock/captures", problem.GetProperty("nearest")[0].GetString());
    }

    [Theory]
    [InlineData("GET", "/mock/captures/abc", "sequence", "must be an integer (was 'abc'), as in GET /mock/captures/{sequence}")]
    [InlineData("DELETE", "/mock/faults/one", "id", "must be an integer (was 'one'), as in DELETE /mock/faults/{id}")]
    public async Task APathValueOfTheWrongType_Is400_NamingTheParameter(string method, string path, string parameter, string message)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.ReadProblemAsync()).GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Theory]
    [InlineData("/mock/otlp/spans?traceId=zzz", "traceId", "must be 32 hex digits, as an OTLP trace id is (was 'zzz')")]
    [InlineData("/mock/otlp/spans?spanId=3c191d03fa8be0", "spanId", "must be 16 hex digits, as an OTLP span id is (was '3c191d03fa8be0')")]
    [InlineData("/mock/otlp/spans/wait?parentSpanId=xyz&timeoutMs=0", "parentSpanId", "must be 16 hex digits, as an OTLP span id is (was 'xyz')")]
    [InlineData("/mock/otlp/logs?traceId=12", "traceId", "must be 32 hex digits, as an OTLP trace id is (was '12')")]
    public async Task AnIdFilterThatIsNotHexOfItsLength_Is400(string path, string parameter, string message)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.ReadProblemAsync()).GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task ABodyOfAnotherContentType_Is415_NamingWhatTheRouteTakes()
    {
        var response = await Client.PostAsync("/mock/faults", new StringContent("status=503", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("send application/json", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }
}
