using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>The mock's capture API: list with filters and paging, one by sequence, delete, and eviction it reports.</summary>
public sealed class CaptureQueryApiTests : HostedTest
{
    [Fact]
    public async Task List_OrderDesc_AnswersNewestFirst_WithTheSameTotal()
    {
        for (var i = 0; i < 5; i++)
            await PostAsync(Client, "verify", $"lic-{i}");

        var newest = await ListAsync("?order=desc&limit=2");
        var after = await ListAsync("?order=desc&after=2");

        Assert.Equal([5L, 4], Sequences(newest));
        Assert.Equal(5, newest.GetProperty("total").GetInt32());
        Assert.Equal([5L, 4, 3], Sequences(after));
        Assert.Equal(["order"], await (await Client.GetAsync("/mock/captures?order=newest")).ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData("/mock/licenses")]
    [InlineData("/mock/faults")]
    [InlineData("/mock/billing/transactions")]
    public async Task EveryList_AnswersItemsAndTotal(string route)
    {
        await PostAsync(Client, "verify", "lic-a");

        var list = await Client.GetFromJsonAsync<JsonElement>(route);

        Assert.Equal(list.GetProperty("items").GetArrayLength(), list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_AnswersItemsTotalLastSequenceAndEvicted_OldestFirst()
    {
        await PostAsync(Client, "verify", "lic-a");
        await PostAsync(Client, "usage-snapshot", "lic-a");
        await PostAsync(Client, "metadata", "lic-b");

        var list = await ListAsync();

        Assert.Equal(["items", "total", "lastSequence", "evicted"], list.EnumerateObject().Select(p => p.Name));
        Assert.Equal([1L, 2, 3], Sequences(list));
        Assert.Equal(["verify", "usage-snapshot", "metadata"], list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal((3, 3L, 0L), Counts(list));
    }

    [Fact]
    public async Task List_WithoutALimit_Answers100OldestAndTotalOfAll()
    {
        for (var i = 0; i < 120; i++)
            await PostAsync(Client, "metadata", $"lic-{i}");

        var list = await ListAsync();

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), Sequences(list));
        Assert.Equal((120, 120L, 0L), Counts(list));
    }

    [Theory]
    [InlineData(1, new long[] { 1 })]
    [InlineData(2, new long[] { 1, 2 })]
    [InlineData(1000, new long[] { 1, 2, 3 })]
    public async Task List_WithALimit_AnswersAtMostThatManyAndTotalOfAll(int limit, long[] expected)
    {
        for (var i = 0; i < 3; i++)
            await PostAsync(Client, "verify", "lic-a");

        var list = await ListAsync($"?limit={limit}");

        Assert.Equal(expected, Sequences(list));
        Assert.Equal(3, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1001")]
    public async Task List_WithALimitOutOfRange_Answers400NamingLimit(string limit)
    {
        var response = await Client.GetAsync($"/mock/captures?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["limit"], await response.ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task List_WithALimitThatIsNotAnInteger_Answers400NamingLimit_InWordsNotCSharp(string limit)
    {
        var response = await Client.GetAsync($"/mock/captures?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("limit").EnumerateArray()).GetString();
        Assert.Contains(limit, message);
        Assert.DoesNotContain("Nullable", problem.GetRawText());
        Assert.DoesNotContain("Int32", problem.GetRawText());
    }

    [Fact]
    public async Task List_WithANegativeAfter_Answers400NamingAfter()
    {
        var response = await Client.GetAsync("/mock/captures?after=-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["after"], await response.ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData(0, new long[] { 1, 2, 3, 4, 5 })]
    [InlineData(3, new long[] { 4, 5 })]
    [InlineData(5, new long[0])]
    [InlineData(50, new long[0])]
    public async Task List_After_AnswersOnlyLaterCaptures(long after, long[] expected)
    {
        for (var i = 0; i < 5; i++)
            await PostAsync(Client, "verify", "lic-a");

        var list = await ListAsync($"?after={after}");

        Assert.Equal(expected, Sequences(list));
        Assert.Equal((expected.Length, 5L, 0L), Counts(list));
    }

    [Theory]
    [InlineData("?kind=verify", new long[] { 1, 3 })]
    [InlineData("?license=lic-a", new long[] { 1, 2, 4 })]
    [InlineData("?kind=verify&license=lic-a", new long[] { 1 })]
    [InlineData("?kind=metadata&license=lic-a&after=2", new long[] { 4 })]
    [InlineData("?kind=ingest-traces", new long[0])]
    [InlineData("?license=lic-c", new long[0])]
    public async Task List_ByKindAndLicense_AnswersOnlyMatchesOldestFirst(string query, long[] expected)
    {
        await PostAsync(Client, "verify", "lic-a");
        await PostAsync(Client, "usage-snapshot", "lic-a");
        await PostAsync(Client, "verify", "lic-b");
        await PostAsync(Client, "metadata", "lic-a");

        var list = await ListAsync(query);

        Assert.Equal(expected, Sequences(list));
        Assert.Equal(expected.Length, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Get_BySequence_AnswersThatCapture()
    {
        await PostAsync(Client, "verify", "lic-a");
        await PostAsync(Client, "usage-snapshot", "lic-b");

        var capture = await (await Client.GetAsync("/mock/captures/2")).ReadJsonAsync();

        Assert.Equal(2, capture.GetProperty("sequence").GetInt64());
        Assert.Equal(("usage-snapshot", "lic-b", 200),
            (capture.GetProperty("kind").GetString(), capture.GetProperty("license").GetString(), capture.GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    public async Task Get_UnknownSequence_Answers404Problem(long sequence)
    {
        await PostAsync(Client, "verify", "lic-a");

        var response = await Client.GetAsync($"/mock/captures/{sequence}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ReadProblemAsync();
    }

    [Fact]
    public async Task Delete_RemovesEveryCaptureAndAnswers204()
    {
        for (var i = 0; i < 3; i++)
            await PostAsync(Client, "verify", "lic-a");

        var response = await Client.DeleteAsync("/mock/captures");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var list = await ListAsync();
        Assert.Empty(Sequences(list));
        Assert.Equal((0, 3L, 0L), Counts(list));
    }

    [Fact]
    public async Task Delete_ByKind_RemovesOnlyThatKind()
    {
        await PostAsync(Client, "verify", "lic-a");
        await PostAsync(Client, "usage-snapshot", "lic-a");
        await PostAsync(Client, "verify", "lic-b");
        await PostAsync(Client, "metadata", "lic-a");

        var response = await Client.DeleteAsync("/mock/captures?kind=verify");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var items = (await ListAsync()).GetProperty("items").EnumerateArray();
        Assert.Equal([(2L, "usage-snapshot"), (4L, "metadata")],
            items.Select(c => (c.GetProperty("sequence").GetInt64(), c.GetProperty("kind").GetString())));
    }

    [Fact]
    public async Task Delete_ThenPost_ContinuesTheSequence()
    {
        for (var i = 0; i < 3; i++)
            await PostAsync(Client, "verify", "lic-a");
        await Client.DeleteAsync("/mock/captures");

        await PostAsync(Client, "verify", "lic-a");

        Assert.Equal([4L], Sequences(await ListAsync()));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/mock/captures/4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/mock/captures/1")).StatusCode);
    }

    [Fact]
    public async Task List_OverMaxCapturesFromConfiguration_KeepsTheNewestAndSaysHowManyWereEvicted()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Store:MaxCaptures"] = "10" });
        var client = app.CreateBeaconClient();
        for (var i = 1; i <= 25; i++)
            await PostAsync(client, "verify", $"lic-{i}");

        var list = await (await client.GetAsync("/mock/captures")).ReadJsonAsync();

        Assert.Equal(Enumerable.Range(16, 10).Select(i => (long)i), Sequences(list));
        Assert.Equal((10, 25L, 15L), Counts(list));
        Assert.Equal("lic-25", list.GetProperty("items")[9].GetProperty("license").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mock/captures/15")).StatusCode);
    }

    /// <summary>Posts a valid request of <paramref name="kind"/> carrying <paramref name="license"/>, and checks it was accepted.</summary>
    private static async Task PostAsync(HttpClient client, string kind, string license)
    {
        var (path, body) = kind switch
        {
            "verify" => ("/v1/beacon/verify", $$"""{"license":"{{license}}"}"""),
            "usage-snapshot" => ("/v1/beacon/usage-snapshot",
                $$$"""{"license_key":"{{{license}}}","from_timestamp":"2026-03-25T02:00:00Z","to_timestamp":"2026-03-26T02:00:00Z","measures":{"users":3}}"""),
            "metadata" => ("/v1/beacon/metadata/submit",
                $$$"""{"license_key":"{{{license}}}","from_timestamp":"2025-01-06T09:00:00Z","to_timestamp":"2025-01-06T10:00:00Z","tags":{},"measures":{}}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind these tests post"),
        };
        var response = await client.PostJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
    }

    private async Task<JsonElement> ListAsync(string query = "")
    {
        var response = await Client.GetAsync($"/mock/captures{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<long> Sequences(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("sequence").GetInt64());

    private static (int Total, long LastSequence, long Evicted) Counts(JsonElement list) =>
        (list.GetProperty("total").GetInt32(), list.GetProperty("lastSequence").GetInt64(), list.GetProperty("evicted").GetInt64());
}
