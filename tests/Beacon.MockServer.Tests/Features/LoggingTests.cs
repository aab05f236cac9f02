using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features;

/// <summary>Secrets never appear whole in the log output, whatever route carried them.</summary>
public sealed class LoggingTests
{
    private const string License = "lcl_LOGSECRET_7f3a9c21e5d84b06";
    private const string ApiKey = "lsv2_pt_APIKEYSECRET_0c9d8e7f6a5b";

    [Fact]
    public async Task Requests_NeverLogALicenseKeyApiKeyOrTokenWhole()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:RequireKnownLicense"] = "true",
            ["Beacon:Licenses:0:Key"] = License,
        });
        var client = app.CreateBeaconClient();

        var verified = await client.PostJsonAsync("/v1/beacon/verify", JsonSerializer.Serialize(new { license = License }));
        var token = (await verified.ReadJsonAsync()).GetProperty("token").GetString()!;
        await client.PostJsonAsync("/v1/beacon/verify", JsonSerializer.Serialize(new { license = License + "_unknown" }));
        var ingest = System.Text.Json.Nodes.JsonNode.Parse(Wire.Sample("ingest-traces-request"))!;
        ingest["license"] = License;
        await client.PostJsonAsync("/v1/beacon/ingest-traces", ingest.ToJsonString());
        var auth = new HttpRequestMessage(HttpMethod.Get, "/auth?langgraph-api=true");
        auth.Headers.Add("X-Api-Key", ApiKey);
        await client.SendAsync(auth);
        await client.GetAsync($"/mock/captures?license={License}");
        await client.PostJsonAsync("/v1/beacon/verify", "{\"license\": \"" + License + "\""); // malformed

        var lines = app.Logs.Lines().ToList();
        Assert.Contains(lines, l => l.Contains("verified", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/mock/captures", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("LOGSECRET", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("APIKEYSECRET", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
    }
}
