using System.Net;
using Beacon.MockServer.Tests.Infrastructure;
using static Beacon.MockServer.Tests.Features.Egress.EgressPromiseTests;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>What a report covers: a namespace, everything since the last reset, captures long evicted; and its caps, counted when reached.</summary>
public sealed class EgressScopeTests
{
    [Fact]
    public async Task ANamespacedReport_CoversThatNamespaceOnly_AndTheWholeReportCoversEvery()
    {
        using var app = new BeaconApplication();
        using var client = app.CreateBeaconClient();
        await EgressTraffic.SendDocumentedSamplesAsync(client, "/ns/clean");
        await EgressTraffic.PostAsync(client, "/ns/leaky/v1/beacon/v1/logs", EgressTraffic.Log(17, EgressTraffic.Email));

        var clean = await ReportAsync(client, "?namespace=clean");
        var leaky = await ReportAsync(client, "?namespace=leaky");
        var all = await ReportAsync(client);

        Assert.Equal(("clean", 7L), (clean.GetProperty("namespace").GetString(), clean.GetProperty("captures").GetInt64()));
        Assert.Equal("pass", Promise(clean, "no-personal-data").GetProperty("verdict").GetString());
        Assert.Equal("fail", Promise(leaky, "no-personal-data").GetProperty("verdict").GetString());
        Assert.Equal(1, leaky.GetProperty("captures").GetInt64());
        Assert.Equal(8, all.GetProperty("captures").GetInt64());
        Assert.Equal("fail", Promise(all, "no-personal-data").GetProperty("verdict").GetString());
        Assert.Equal(2, Fields(all).Single(f => f.GetProperty("path").GetString() == "resource.attributes['service.name']" && f.GetProperty("kind").GetString() == "logs")
            .GetProperty("count").GetInt64());
        Assert.Equal(0, (await ReportAsync(client, "?namespace=never")).GetProperty("captures").GetInt64());
    }

    [Fact]
    public async Task AResetOfANamespace_ClearsItsAuditOnly_AndAResetClearsAll()
    {
        using var app = new BeaconApplication();
        using var client = app.CreateBeaconClient();
        await EgressTraffic.PostAsync(client, "/ns/a/v1/beacon/v1/logs", EgressTraffic.Log(9, "a"));
        await EgressTraffic.PostAsync(client, "/ns/b/v1/beacon/v1/logs", EgressTraffic.Log(9, "b"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/mock/reset?namespace=a", null)).StatusCode);
        Assert.Equal(0, (await ReportAsync(client, "?namespace=a")).GetProperty("captures").GetInt64());
        Assert.Equal(1, (await ReportAsync(client, "?namespace=b")).GetProperty("captures").GetInt64());
        Assert.Equal(1, (await ReportAsync(client)).GetProperty("captures").GetInt64());

        await client.PostAsync("/mock/reset", null);
        var report = await ReportAsync(client);
        Assert.Equal(0, report.GetProperty("captures").GetInt64());
        Assert.Empty(report.GetProperty("fields").EnumerateArray());
        Assert.Empty(report.GetProperty("endpoints").EnumerateArray());
        Assert.All(report.GetProperty("promises").EnumerateArray(), p => Assert.Equal("not-applicable", p.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task TheAudit_OutlivesTheCapturesItSaw()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Store:MaxCaptures"] = "2" });
        using var client = app.CreateBeaconClient();
        var leak = await EgressTraffic.PostAsync(client, "/v1/beacon/v1/logs", EgressTraffic.Log(17, EgressTraffic.Email));
        for (var i = 0; i < 5; i++)
            await EgressTraffic.PostAsync(client, "/v1/beacon/verify", Wire.Sample("verify-request"));

        var report = await ReportAsync(client);

        Assert.Equal(2, (await client.CapturesAsync()).Length);
        Assert.Equal(6, report.GetProperty("captures").GetInt64());
        var evidence = Assert.Single(Promise(report, "no-personal-data").GetProperty("evidence").EnumerateArray());
        Assert.Equal(leak, evidence.GetProperty("sequence").GetInt64());
        // Deleting captures is not a reset: what the audit saw stays.
        await client.DeleteAsync("/mock/captures");
        Assert.Equal(6, (await ReportAsync(client)).GetProperty("captures").GetInt64());
    }

    [Fact]
    public async Task PastItsCaps_TheAuditCountsWhatItDrops_AndSaysSo()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Egress:MaxFieldPaths"] = "3",
            ["Beacon:Egress:MaxEndpoints"] = "1",
            ["Beacon:Egress:MaxEvidence"] = "1",
            ["Beacon:Egress:MaxExamples"] = "1",
        });
        using var client = app.CreateBeaconClient();
        await EgressTraffic.PostAsync(client, "/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await EgressTraffic.PostAsync(client, "/v1/beacon/verify", """{"license": "a@example.com"}""");
        await EgressTraffic.PostAsync(client, "/v1/beacon/verify", """{"license": "lcl_x", "note": "b@example.com", "other": "+44 20 7946 0958"}""");

        var report = await ReportAsync(client);
        var limits = report.GetProperty("limits");

        Assert.Equal(3, report.GetProperty("fields").GetArrayLength());
        Assert.Equal(1, report.GetProperty("endpoints").GetArrayLength());
        Assert.True(limits.GetProperty("fieldPathsDropped").GetInt64() > 0);
        Assert.Equal(2, limits.GetProperty("endpointsDropped").GetInt64());
        var personal = Promise(report, "no-personal-data");
        Assert.Equal(2, personal.GetProperty("violations").GetInt64());
        Assert.Single(personal.GetProperty("evidence").EnumerateArray());
        Assert.All(Fields(report), f => Assert.True(f.GetProperty("examples").GetArrayLength() <= 1));
    }

    [Fact]
    public async Task NamespacesPastTheCap_AreAuditedTogether_AndTheReportSaysSo()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Egress:MaxNamespaces"] = "1" });
        using var client = app.CreateBeaconClient();
        await EgressTraffic.PostAsync(client, "/ns/first/v1/beacon/verify", Wire.Sample("verify-request"));
        await EgressTraffic.PostAsync(client, "/ns/second/v1/beacon/v1/logs", EgressTraffic.Log(17, EgressTraffic.Email));
        await EgressTraffic.PostAsync(client, "/ns/third/v1/beacon/verify", Wire.Sample("verify-request"));

        var first = await ReportAsync(client, "?namespace=first");
        var third = await ReportAsync(client, "?namespace=third");

        Assert.False(first.GetProperty("limits").GetProperty("shared").GetBoolean());
        Assert.Equal(1, first.GetProperty("captures").GetInt64());
        Assert.True(third.GetProperty("limits").GetProperty("shared").GetBoolean());
        Assert.Equal(2, third.GetProperty("captures").GetInt64());
        // Conservative: a namespace audited with others shows their breaks too, never fewer than its own.
        Assert.Equal("fail", Promise(third, "no-personal-data").GetProperty("verdict").GetString());
        Assert.Equal(2, third.GetProperty("limits").GetProperty("sharedCaptures").GetInt64());
        Assert.Equal(3, (await ReportAsync(client)).GetProperty("captures").GetInt64());
    }
}
