using Beacon.MockServer.Features.Egress;
using Beacon.MockServer.Store;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Beacon.MockServer.Tests.Features.Egress.EgressPromiseTests;

namespace Beacon.MockServer.Tests.Features.Egress;

/// <summary>
/// Requests no route serves (captured as kind <c>unmatched</c>, with their path) and what the audit makes of them; and
/// data hidden in names and paths.
/// </summary>
public sealed class EgressAuditTests : HostedTest
{
    [Fact]
    public async Task ARequestNoRouteServes_BreaksDocumentedEndpoints_ByItsKindAndPath()
    {
        var sequence = await UnmatchedAsync(HttpMethod.Get, "/v1/beacon/feature-flags");
        await UnmatchedAsync(HttpMethod.Get, "/v1/beacon/feature-flags");

        var report = await ReportAsync(Client);

        var promise = Promise(report, "documented-endpoints");
        Assert.Equal("fail", promise.GetProperty("verdict").GetString());
        Assert.Equal(2, promise.GetProperty("violations").GetInt64());
        var evidence = Assert.Single(promise.GetProperty("evidence").EnumerateArray());
        Assert.Equal((sequence, "unmatched", "GET /v1/beacon/feature-flags"),
            (evidence.GetProperty("sequence").GetInt64(), evidence.GetProperty("kind").GetString(), evidence.GetProperty("value").GetString()));
        var endpoint = Assert.Single(report.GetProperty("endpoints").EnumerateArray());
        Assert.Equal(("unmatched", "/v1/beacon/feature-flags", 2, false),
            (endpoint.GetProperty("kind").GetString(), endpoint.GetProperty("path").GetString(), endpoint.GetProperty("count").GetInt64(), endpoint.GetProperty("documented").GetBoolean()));
        Assert.Contains(App.Services.GetRequiredService<CaptureStore>().Find(sequence)!.Findings, f => f.Message.Contains("documented-endpoints", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APathHoldingAnEmailAddress_IsKeptAndReportedMasked()
    {
        await UnmatchedAsync(HttpMethod.Post, "/v1/users/jane.doe@example.com/events");

        var text = await Client.GetStringAsync("/mock/egress");
        var report = await ReportAsync(Client);

        Assert.DoesNotContain("jane.doe@example.com", text);
        Assert.Equal("/v1/users/j***@e***.com/events", Assert.Single(report.GetProperty("endpoints").EnumerateArray()).GetProperty("path").GetString());
        Assert.Contains(Promise(report, "no-personal-data").GetProperty("evidence").EnumerateArray(), e => e.GetProperty("path").GetString() == "(path)");
    }

    [Fact]
    public async Task DataInAMemberName_OrAnAttributeKey_IsFound_AndNeverShownInAPath()
    {
        await EgressTraffic.PostAsync(Client, "/v1/metadata/submit", EgressTraffic.Changed("metadata-submit-request",
            json => json["tags"]!["owner.jane.doe@example.com"] = "x"));
        await EgressTraffic.PostAsync(Client, "/v1/beacon/v1/traces", EgressTraffic.Span("receive_request", "user.jane.doe@example.com", "1"));

        var text = await Client.GetStringAsync("/mock/egress");
        var paths = Fields(await ReportAsync(Client)).Select(f => f.GetProperty("path").GetString()).ToList();

        Assert.DoesNotContain("jane.doe", text);
        Assert.Contains("tags['o***@e***.com']", paths);
        Assert.Contains("attributes['u***@e***.com']", paths);
        Assert.Equal(2, Promise(await ReportAsync(Client), "no-personal-data").GetProperty("violations").GetInt64());
    }

    [Fact]
    public void TheContract_DocumentsOnlyRoutesThisMockServes_WithAPageEach()
    {
        var contract = EgressContract.Load();
        var routes = App.Routes().ToHashSet();

        Assert.All(contract.Endpoints, e => Assert.Contains((e.Method, e.Path), routes));
        Assert.All(contract.Endpoints, e => Assert.Contains(contract.Pages, p => p.Id == e.Page));
        Assert.Equal(10, contract.Endpoints.Count());
        Assert.True(contract.Kind("ingest-traces")!.Field("trace_transactions[].tenant_id") is { Credential: false, Page: "001" });
        Assert.True(contract.Kind("verify")!.Field("license") is { Credential: true });
        Assert.Null(contract.Kind("unmatched"));
    }

    /// <summary>Calls a path no route serves, as a deployment would, and answers the sequence of its capture.</summary>
    private async Task<long> UnmatchedAsync(HttpMethod method, string path)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(method, path));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var capture = await Client.LastCaptureAsync();
        Assert.Equal("unmatched", capture.GetProperty("kind").GetString());
        return capture.GetProperty("sequence").GetInt64();
    }
}
