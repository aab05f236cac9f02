using System.Net;
using System.Text;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>A rule that makes no sense is refused with a 400 naming the one field at fault, and is not added.</summary>
public sealed class FaultRuleValidationTests : HostedTest
{
    [Theory]
    // No action.
    [InlineData("{}", "$")]
    [InlineData("""{"match": {"kind": "verify"}}""", "$")]
    [InlineData("""{"delayMs": 0}""", "$")]
    [InlineData("""{"dropConnection": false, "times": 2}""", "$")]
    // Each action out of range, or with what it cannot go with.
    [InlineData("""{"status": 200}""", "status")]
    [InlineData("""{"status": 399}""", "status")]
    [InlineData("""{"status": 600}""", "status")]
    [InlineData("""{"delayMs": -1}""", "delayMs")]
    [InlineData("""{"delayMs": 600001}""", "delayMs")]
    [InlineData("""{"status": 503, "dropConnection": true}""", "dropConnection")]
    [InlineData("""{"delayMs": 10, "body": {"detail": "x"}}""", "body")]
    // A body that could be kept but never answered: half a surrogate pair is not text.
    [InlineData("""{"status": 503, "body": {"detail": "a\udc00b"}}""", "body")]
    [InlineData("""{"status": 503, "body": [{"\ud800": 1}]}""", "body")]
    [InlineData("""{"status": 503, "retryAfter": -1}""", "retryAfter")]
    [InlineData("""{"delayMs": 10, "retryAfter": 5}""", "retryAfter")]
    [InlineData("""{"status": 503, "partialSuccess": {"rejected": 1}}""", "partialSuccess")]
    [InlineData("""{"dropConnection": true, "partialSuccess": {"rejected": 1}}""", "partialSuccess")]
    [InlineData("""{"partialSuccess": {"rejected": -1}}""", "partialSuccess.rejected")]
    [InlineData("""{"partialSuccess": {}}""", "partialSuccess.rejected")]
    [InlineData("""{"match": {"kind": "verify"}, "partialSuccess": {"rejected": 1}}""", "match.kind")]
    // How often.
    [InlineData("""{"status": 503, "times": 0}""", "times")]
    [InlineData("""{"status": 503, "times": -2}""", "times")]
    [InlineData("""{"status": 503, "probability": 1.5}""", "probability")]
    [InlineData("""{"status": 503, "probability": -0.1}""", "probability")]
    // What it matches.
    [InlineData("""{"match": {"kind": "verfy"}, "status": 503}""", "match.kind")]
    [InlineData("""{"match": {"license": ""}, "status": 503}""", "match.license")]
    [InlineData("""{"match": {"namespace": "a b"}, "status": 503}""", "match.namespace")]
    [InlineData("""{"match": {"path": "v1/beacon/verify"}, "status": 503}""", "match.path")]
    // Unknown fields: a typo must not silently make a rule that fires forever.
    [InlineData("""{"status": 503, "tims": 2}""", "tims")]
    [InlineData("""{"status": 503, "match": {"knd": "verify"}}""", "match.knd")]
    [InlineData("""{"partialSuccess": {"rejected": 1, "msg": "x"}}""", "partialSuccess.msg")]
    // Wrong JSON types, read strictly as the wire routes read theirs.
    [InlineData("""{"status": "503"}""", "status")]
    [InlineData("""{"status": 503.5}""", "status")]
    [InlineData("""{"status": 99999999999}""", "status")]
    [InlineData("""{"status": 503, "probability": "0.5"}""", "probability")]
    [InlineData("""{"dropConnection": "yes"}""", "dropConnection")]
    [InlineData("""{"match": "verify", "status": 503}""", "match")]
    [InlineData("""{"match": {"kind": 7}, "status": 503}""", "match.kind")]
    [InlineData("""{"partialSuccess": {"rejected": "2"}}""", "partialSuccess.rejected")]
    [InlineData("""{"status": 503, "seed": 4.2}""", "seed")]
    // Not a rule at all.
    [InlineData("[]", "$")]
    [InlineData("\"rule\"", "$")]
    [InlineData("null", "$")]
    [InlineData("""{"status": 503""", "$")]
    [InlineData("", "$")]
    public async Task Add_AnInvalidRule_Returns400NamingTheField_AndAddsNothing(string body, string field)
    {
        var response = await Client.PostJsonAsync(FaultApi.Route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty(field)[0].GetString()));
        Assert.Empty(await Client.FaultsAsync());
    }

    [Fact]
    public async Task Add_ARuleWithSeveralMistakes_NamesEachField()
    {
        var response = await Client.PostJsonAsync(FaultApi.Route, """{"status": 200, "times": 0, "probability": 2}""");

        Assert.Equal(["probability", "status", "times"], (await response.ReadErrorFieldsAsync()).Order());
    }

    [Fact]
    public async Task Add_MalformedJson_SaysSo()
    {
        var response = await Client.PostJsonAsync(FaultApi.Route, """{"status": 503,}""");

        var problem = await response.ReadProblemAsync();
        Assert.Contains("not well-formed JSON", problem.GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Fact]
    public async Task Add_AMistypedField_SaysWhatItMustBe()
    {
        var response = await Client.PostJsonAsync(FaultApi.Route, """{"status": 503, "probability": "often"}""");

        var problem = await response.ReadProblemAsync();
        Assert.Equal("must be a number", problem.GetProperty("errors").GetProperty("probability")[0].GetString());
    }

    [Fact]
    public async Task Add_NotJson_Returns415()
    {
        var response = await Client.PostAsync(FaultApi.Route, new StringContent("status=503", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await response.ReadProblemAsync();
        Assert.Empty(await Client.FaultsAsync());
    }

    [Fact]
    public async Task Add_ABodyLargerThanARuleCouldBe_Returns413()
    {
        var response = await Client.PostJsonAsync(FaultApi.Route, $$"""{"status": 503, "body": "{{new string('x', 70_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await response.ReadProblemAsync();
    }
}
