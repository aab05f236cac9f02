using System.Net;
using Beacon.MockServer.Features.Faults;
using Beacon.MockServer.Tests.Configuration;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.MockServer.Tests.Features.Faults;

/// <summary>
/// Rules from <c>Beacon:Faults</c> are in force from start, checked at start with messages that name the key,
/// and are what a reset brings back.
/// </summary>
public sealed class FaultConfigurationTests
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Beacon:Faults:0:Match:Kind"] = "verify",
        ["Beacon:Faults:0:Status"] = "503",
        ["Beacon:Faults:0:RetryAfter"] = "30",
        ["Beacon:Faults:0:Body"] = """{"detail": "Beacon is down for maintenance"}""",
        ["Beacon:Faults:0:Times"] = "1",
        ["Beacon:Faults:1:Match:Kind"] = "logs",
        ["Beacon:Faults:1:PartialSuccess:Rejected"] = "4",
    };

    [Theory]
    [InlineData("Status", "200", "Beacon:Faults:0:Status must be between 400 and 599 (was 200).")]
    [InlineData("DelayMs", "-5", "Beacon:Faults:0:DelayMs must be between 0 and 600000")]
    [InlineData("Probability", "1.5", "Beacon:Faults:0:Probability must be between 0 and 1")]
    [InlineData("Times", "0", "Beacon:Faults:0:Times must be at least 1")]
    [InlineData("RetryAfter", "-1", "Beacon:Faults:0:RetryAfter must not be negative")]
    [InlineData("Match:Kind", "verfy", "Beacon:Faults:0:Match:Kind must be one of verify,")]
    [InlineData("Match:Namespace", "a/b", "Beacon:Faults:0:Match:Namespace must be 1 to 64")]
    [InlineData("Body", "{not json", "Beacon:Faults:0:Body must be JSON text")]
    [InlineData("DropConnection", "true", "Beacon:Faults:0:DropConnection cannot go with Status")]
    [InlineData("PartialSuccess:Rejected", "1", "Beacon:Faults:0:PartialSuccess cannot go with Status")]
    public void Options_WithABadRule_FailNamingTheFullKey(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Beacon:Faults:0:Status"] = "503", [$"Beacon:Faults:0:{key}"] = value };

        var error = Assert.Throws<OptionsValidationException>(() => ConfigurationTests.Resolve(settings));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Options_WithARuleThatDoesNothing_FailNamingTheRule()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfigurationTests.Resolve(new() { ["Beacon:Faults:0:Match:Kind"] = "verify" }));

        Assert.Contains("Beacon:Faults:0 needs an action: Status, DelayMs above 0, DropConnection or PartialSuccess.", error.Message);
    }

    [Fact]
    public void Options_ARetryAfterWithoutAStatus_NamesTheOtherKeyByItsConfigurationName()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfigurationTests.Resolve(new()
        {
            ["Beacon:Faults:0:Match:Kind"] = "verify",
            ["Beacon:Faults:1:DelayMs"] = "10",
            ["Beacon:Faults:1:RetryAfter"] = "5",
        }));

        Assert.Contains("Beacon:Faults:1:RetryAfter needs Status", error.Message);
    }

    [Fact]
    public async Task ConfiguredRules_AreInForceFromStart_AndListedAsConfigured()
    {
        using var app = new BeaconApplication(Configured);
        var client = app.CreateBeaconClient();

        var verify = await client.VerifyAsync();
        var logs = await client.PostProtobufAsync(Infrastructure.Otlp.Logs, Otlp.OtlpMessages.Logs());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, verify.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), verify.Headers.RetryAfter?.Delta);
        Assert.Equal("""{"detail": "Beacon is down for maintenance"}""", await verify.Content.ReadAsStringAsync());
        Assert.Equal(4L, Beacon.MockServer.Features.Otlp.Protobuf.ExportLogsServiceResponse.Parser
            .ParseFrom(await logs.Content.ReadAsByteArrayAsync()).PartialSuccess.RejectedLogRecords);
        var rules = await client.FaultsAsync();
        Assert.Equal([(1L, true, 1L), (2L, true, 1L)], rules.Select(r => (r.GetProperty("id").GetInt64(), r.GetProperty("configured").GetBoolean(), r.GetProperty("fired").GetInt64())));
    }

    [Fact]
    public async Task Reset_BringsBackExactlyTheConfiguredRules_Unfired()
    {
        using var app = new BeaconApplication(Configured);
        var client = app.CreateBeaconClient();
        await client.VerifyAsync();
        await client.DeleteAsync($"{FaultApi.Route}/2");
        await client.AddFaultAsync("""{"status": 429}""");

        app.Services.GetRequiredService<FaultRegistry>().Reset(null);

        var rules = await client.FaultsAsync();
        Assert.Equal([(1L, 0L), (2L, 0L)], rules.Select(r => (r.GetProperty("id").GetInt64(), r.GetProperty("fired").GetInt64())));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.VerifyAsync()).StatusCode);
        // Ids go on from where they were, so no capture's faultId comes to mean another rule.
        Assert.Equal(4, (await client.AddFaultAsync("""{"status": 500}""")).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Reset_WithANamespace_RemovesOnlyThatNamespacesRunTimeRules()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Faults:0:Match:Namespace"] = "t1",
            ["Beacon:Faults:0:DelayMs"] = "1",
        });
        var client = app.CreateBeaconClient();
        await client.AddFaultAsync("""{"match": {"namespace": "t1"}, "status": 503}""");
        await client.AddFaultAsync("""{"match": {"namespace": "t2"}, "status": 503}""");
        await client.AddFaultAsync("""{"status": 429}""");

        app.Services.GetRequiredService<FaultRegistry>().Reset("t1");

        Assert.Equal([1L, 3L, 4L], (await client.FaultsAsync()).Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Reset_RestartsASeededRulesSequence()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Faults:0:Status"] = "503",
            ["Beacon:Faults:0:Probability"] = "0.5",
        });
        var client = app.CreateBeaconClient();

        var first = await SequenceAsync(client, 20);
        app.Services.GetRequiredService<FaultRegistry>().Reset(null);
        var again = await SequenceAsync(client, 20);

        Assert.Equal(first, again);
    }

    private static async Task<HttpStatusCode[]> SequenceAsync(HttpClient client, int requests)
    {
        var statuses = new HttpStatusCode[requests];
        for (var i = 0; i < requests; i++)
            statuses[i] = (await client.VerifyAsync()).StatusCode;
        return statuses;
    }
}
