using System.Net;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Beacon.MockServer.Tests.Features.Upstream;

/// <summary>
/// With pass-through on for it, a request to a path the mock does not know is forwarded like any other and captured as
/// unmatched with the upstream's answer: a deployment calling a Beacon path the mock lacks keeps working, and the test
/// still sees the path.
/// </summary>
public sealed class UnmatchedPassThroughTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("unmatched")]
    public async Task AnUnmatchedRequest_IsForwarded_AndCapturedWithTheUpstreamsAnswer(string? kinds)
    {
        using var upstream = new TinyUpstream(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"seen": "{{context.Request.Method}} {{context.Request.Path}}"}""");
        });
        var settings = new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = upstream.Url };
        if (kinds is not null)
            settings["Beacon:Upstream:Kinds:0"] = kinds;
        using var app = new BeaconApplication(settings);
        var client = app.CreateBeaconClient();

        var response = await client.PostJsonAsync("/v2/beacon/new-report", """{"count": 1}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("POST /v2/beacon/new-report", (await response.ReadJsonAsync()).GetProperty("seen").GetString());
        var capture = Assert.Single(await client.CapturesAsync("?kind=unmatched"));
        Assert.Equal(202, capture.GetProperty("status").GetInt32());
        Assert.Equal(202, capture.GetProperty("upstream").GetProperty("status").GetInt32());
        Assert.Equal(202, capture.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Object, capture.GetProperty("payload").ValueKind);
        // The egress audit names the undocumented endpoint; pass-through itself adds nothing.
        Assert.Empty(capture.OfTheRoute());
    }

    [Fact]
    public async Task WithOtherKindsOnly_AnUnmatchedRequest_IsTheMocks404()
    {
        using var upstream = new TinyUpstream(context => { context.Response.StatusCode = 200; return Task.CompletedTask; });
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Upstream:Url"] = upstream.Url, ["Beacon:Upstream:Kinds:0"] = "verify" });
        var client = app.CreateBeaconClient();

        var response = await client.PostJsonAsync("/v2/beacon/new-report", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await client.LastCaptureAsync()).GetProperty("upstream").ValueKind);
    }
}
