using System.Net;
using System.Text.Json.Nodes;
using Beacon.MockServer.Client;
using Beacon.MockServer.Testing;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Client;

public sealed class AdminClientTests(SharedMock shared) : IClassFixture<SharedMock>
{
    [Fact]
    public async Task Licenses_SetGetListDelete_ReadTyped()
    {
        var mock = shared.NewNamespace();
        var orgId = Guid.Parse("6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10");

        var set = await mock.SetLicenseAsync("lcl_run_time", new()
        {
            Status = LicenseStatus.Active, Id = "sub-1", OrgId = orgId, TokenLifetimeSeconds = 60,
            Claims = new Dictionary<string, object> { ["lgp_enabled"] = true, ["users"] = 25, ["plan"] = "enterprise", ["ratio"] = 0.5 },
        });
        await shared.VerifyAsync(mock, "lcl_run_time");
        var got = await mock.GetLicenseAsync("lcl_run_time");
        var listed = await mock.GetLicensesAsync();
        await mock.DeleteLicenseAsync("lcl_run_time");

        Assert.Equal(("lcl_run_time", LicenseStatus.Active, "sub-1", orgId, 60, true), (set.Key, set.Status, set.Id, set.OrgId, set.TokenLifetimeSeconds, set.Changed));
        Assert.Equal((true, 25, "enterprise", 0.5), (set.Claims["lgp_enabled"].GetBoolean(), set.Claims["users"].GetInt32(), set.Claims["plan"].GetString(), set.Claims["ratio"].GetDouble()));
        Assert.Equal((1L, 1L), (got.VerifyCalls, got.TokensIssued));
        Assert.NotNull(got.LastSeen);
        Assert.Contains(listed.Items, l => l.Key == "lcl_run_time");
        Assert.Equal(listed.Items.Count, listed.Total);
        Assert.Null((await mock.GetLicenseAsync("lcl_run_time")).Status);
        var again = await Assert.ThrowsAsync<BeaconMockException>(() => mock.DeleteLicenseAsync("lcl_run_time"));
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task Licenses_AKeyHoldingASlash_StaysOneKey()
    {
        var mock = shared.NewNamespace();

        var set = await mock.SetLicenseAsync("lcl/with/slash", new() { Status = LicenseStatus.Expired });

        Assert.Equal("lcl/with/slash", set.Key);
        Assert.Equal(LicenseStatus.Expired, (await mock.GetLicenseAsync("lcl/with/slash")).Status);
    }

    [Fact]
    public async Task SetLicense_ThatIsNotValid_ThrowsWithTheFieldAtFault()
    {
        var error = await Assert.ThrowsAsync<BeaconMockException>(() =>
            shared.NewNamespace().SetLicenseAsync("lcl_bad", new() { Status = LicenseStatus.Active, TokenLifetimeSeconds = 0 }));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("tokenLifetimeSeconds", error.Errors.Keys);
    }

    [Fact]
    public async Task Faults_AddListDeleteOne_AndTheCaptureNamesTheRule()
    {
        var mock = shared.NewNamespace();

        var rule = await mock.AddFaultAsync(new()
        {
            Match = new() { Kind = CaptureKind.Verify }, Status = 503, RetryAfter = 7, Times = 1,
            Body = JsonNode.Parse("""{"detail": "Beacon is down"}"""),
        });
        var faulted = await shared.VerifyAsync(mock, "lcl_f");
        var after = await shared.VerifyAsync(mock, "lcl_f");
        var listed = Assert.Single((await mock.GetFaultsAsync()).Items);
        var captures = (await mock.GetCapturesAsync()).Items;
        await mock.DeleteFaultAsync(rule.Id);

        Assert.Equal((503, 1, 1L, false), (rule.Status!.Value, rule.Times!.Value, rule.Remaining!.Value, rule.Spent));
        Assert.Equal("Beacon is down", rule.Body?.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (faulted.StatusCode, after.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(7), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal((1L, true), (listed.Fired, listed.Spent));
        Assert.Equal([(long?)rule.Id, null], captures.Select(c => c.FaultId));
        Assert.Empty((await mock.GetFaultsAsync()).Items);
        var gone = await Assert.ThrowsAsync<BeaconMockException>(() => mock.DeleteFaultAsync(rule.Id));
        Assert.Equal((HttpStatusCode.NotFound, "No such fault rule."), (gone.Status, gone.Title));
    }

    [Fact]
    public async Task AddFault_ThatIsNotValid_ThrowsWithTheFieldAtFault()
    {
        var error = await Assert.ThrowsAsync<BeaconMockException>(() => shared.NewNamespace().AddFaultAsync(new() { Status = 200 }));

        Assert.Contains("status", error.Errors.Keys);
    }

    [Fact]
    public async Task Billing_ListsTheAccountOfTheNamespace()
    {
        var mock = shared.NewNamespace();
        await shared.PostAsync(mock, "/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));

        var billing = await mock.GetBillingTransactionsAsync();
        var other = await mock.GetBillingTransactionsAsync(license: "lcl_nobody");

        var account = Assert.Single(billing.Items);
        Assert.Equal(("<YOUR_LICENSE_KEY>", mock.Namespace, 1L, 0L, 5L), (account.License, account.Namespace, account.Inserted, account.Duplicates, account.TotalTraceCount));
        Assert.Equal("af28dfea-5358-463d-a2dc-37df1da72498", Assert.Single(account.Transactions).Transaction.Id);
        Assert.Equal((0L, 0L), (billing.Forgotten, billing.ForgottenAccounts));
        Assert.Empty(other.Items);
    }

    [Fact]
    public async Task Health_AndTheCaCertificate()
    {
        var health = await shared.Mock.Client.GetHealthAsync();
        var pem = await shared.Mock.Client.GetCaCertificatePemAsync();

        Assert.Equal("ready", health.Status);
        Assert.True(health.Store.Received >= health.Store.Count);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem);
    }

    [Fact]
    public async Task AdminToken_IsSentByTheTestingClient_AndMissingItIsA401Problem()
    {
        await using var mock = await BeaconMock.StartAsync(o => o.WithAdminToken("admin-token-123"));
        using var http = mock.CreateWireClient();

        await mock.Client.ResetAsync();
        var refused = await Assert.ThrowsAsync<BeaconMockException>(() => new BeaconMockClient(http).GetCapturesAsync());
        await new BeaconMockClient(http, "admin-token-123").ResetAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.NotNull(refused.Title);
    }
}
