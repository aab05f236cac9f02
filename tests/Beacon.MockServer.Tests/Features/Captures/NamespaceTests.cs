using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>
/// <c>/ns/{namespace}/...</c>: every wire route answers under it, and parallel tests that each use their own
/// namespace share one mock without ever seeing each other's captures, spans, billing or deletes.
/// </summary>
public sealed class NamespaceTests : HostedTest
{
    private const int Scenarios = 8;

    [Fact]
    public async Task EightParallelScenarios_EachSeesOnlyItsOwnData()
    {
        // The same bodies in every scenario (same license, same transaction ids): only the namespace tells them apart.
        // The even scenarios clean up after themselves as they finish; the odd ones' data must survive that.
        await Task.WhenAll(Enumerable.Range(0, Scenarios).Select(i => RunScenarioAsync($"test-{i}", deleteAtEnd: i % 2 == 0)));

        var left = await Client.CapturesAsync("?limit=1000");
        Assert.Equal(Scenarios / 2 * 5, left.Length);
        Assert.Equal(["test-1", "test-3", "test-5", "test-7"],
            left.Select(c => c.GetProperty("namespace").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(left, c => Assert.InRange(c.GetProperty("status").GetInt32(), 200, 204));
    }

    [Fact]
    public async Task DeleteOfOneNamespace_LeavesTheOthers()
    {
        await Client.PostJsonAsync("/ns/a/v1/beacon/verify", """{"license":"lic-1"}""");
        await Client.PostJsonAsync("/ns/b/v1/beacon/verify", """{"license":"lic-1"}""");
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lic-1"}""");

        await Client.DeleteAsync("/mock/captures?namespace=a");

        Assert.Equal(["b", null], (await Client.CapturesAsync()).Select(c => c.GetProperty("namespace").GetString()));
    }

    [Theory]
    [InlineData("/ns/t1/v1/beacon/verify", "/v1/beacon/verify")]
    [InlineData("/ns/t1/v1/metadata/submit", "/v1/metadata/submit")]
    [InlineData("/ns/t1/auth", "/auth")]
    public async Task EveryWireRoute_AnswersUnderANamespace_AndTheCaptureKeepsThePathAsRouted(string sent, string routed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sent) { Content = Wire.Json("""{"license":"lic-1"}""") };
        request.Headers.Add("X-Api-Key", "lic-1");

        var response = await Client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal((routed, "t1"), (capture.GetProperty("path").GetString(), capture.GetProperty("namespace").GetString()));
    }

    [Fact]
    public async Task Jwks_AnswersUnderANamespace()
    {
        var plain = await Client.GetStringAsync("/.well-known/jwks.json");

        Assert.Equal(plain, await Client.GetStringAsync("/ns/t1/.well-known/jwks.json"));
    }

    [Theory]
    [InlineData("/ns/t1/mock/captures")]
    [InlineData("/ns/t1/healthz")]
    [InlineData("/ns/t1/swagger/index.html")]
    [InlineData("/ns/t1")]
    public async Task NonWireRoute_UnderANamespace_Answers404SayingWhy(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task InvalidNamespace_OnABeaconJsonRoute_Answers400Problem()
    {
        var response = await Client.PostJsonAsync("/ns/bad%20name/v1/beacon/verify", """{"license":"lic-1"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("namespace 'bad name' is not valid", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(Infrastructure.Otlp.Protobuf)]
    [InlineData(Infrastructure.Otlp.Json)]
    public async Task InvalidNamespace_OnAnOtlpRoute_AnswersAStatusInTheRequestsEncoding(string contentType)
    {
        var name = new string('x', 65);

        var response = await Client.PostOtlpAsync($"/ns/{name}/v1/beacon/v1/traces", "{}"u8.ToArray(), contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.ReadStatusAsync(contentType);
        Assert.Equal(3, status.Code);
        Assert.Contains("is not valid", status.Message);
    }

    [Theory]
    [InlineData("/mock/captures?namespace=nobody")]
    [InlineData("/mock/otlp/spans?namespace=nobody")]
    [InlineData("/mock/billing/transactions?namespace=nobody")]
    public async Task MockQueries_ForANamespaceWithNothing_AnswerEmpty(string path)
    {
        await Client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await Client.PostOtlpJsonAsync(Infrastructure.Otlp.Traces, Wire.Sample("otlp-traces-request"));

        var body = await Client.GetFromJsonAsync<JsonElement>(path);

        var items = body.GetProperty("items");
        Assert.Equal(0, items.GetArrayLength());
    }

    /// <summary>One test's life against the shared mock: send every kind, wait for it, check it sees only its own.</summary>
    private async Task RunScenarioAsync(string ns, bool deleteAtEnd)
    {
        var client = App.CreateBeaconClient();
        var prefix = $"/ns/{ns}";
        var wait = client.GetAsync($"/mock/captures/wait?namespace={ns}&count=5&timeoutMs=60000");

        HttpResponseMessage[] answers =
        [
            await client.PostJsonAsync($"{prefix}/v1/beacon/verify", """{"license":"lic-shared"}"""),
            await client.PostJsonAsync($"{prefix}/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request")),
            await client.PostJsonAsync($"{prefix}/v1/beacon/usage-snapshot", Wire.Sample("usage-snapshot-request")),
            await client.PostJsonAsync($"{prefix}/v1/beacon/metadata/submit", Wire.Sample("metadata-submit-request")),
            await client.PostOtlpJsonAsync($"{prefix}{Infrastructure.Otlp.Traces}", Wire.Sample("otlp-traces-request")),
        ];
        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{a.RequestMessage!.RequestUri} answered {(int)a.StatusCode}"));

        var waited = await (await wait.WaitAsync(Waiting.Bound)).ReadJsonAsync();
        Assert.Equal(5, waited.GetProperty("items").GetArrayLength());
        Assert.All(waited.GetProperty("items").EnumerateArray(), c => Assert.Equal(ns, c.GetProperty("namespace").GetString()));
        Assert.Equal(5, waited.GetProperty("total").GetInt32());

        // The transaction id is the same in every scenario; each namespace bills it once, as new.
        var billing = await client.GetFromJsonAsync<JsonElement>($"/mock/billing/transactions?namespace={ns}");
        var account = Assert.Single(billing.GetProperty("items").EnumerateArray());
        Assert.Equal((ns, 1L, 0L), (account.GetProperty("namespace").GetString(), account.GetProperty("inserted").GetInt64(), account.GetProperty("duplicates").GetInt64()));

        var spans = await client.ViewAsync("spans", $"?namespace={ns}");
        Assert.Equal(["receive_request", "process_request"], spans.Select(s => s.GetProperty("name").GetString()));

        if (deleteAtEnd)
        {
            await client.DeleteAsync($"/mock/captures?namespace={ns}");
            Assert.Empty(await client.CapturesAsync($"?namespace={ns}"));
        }
    }
}
