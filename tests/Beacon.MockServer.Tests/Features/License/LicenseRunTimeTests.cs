using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Beacon.MockServer.Tests.Features.License;

/// <summary>
/// <c>PUT</c> and <c>DELETE /mock/licenses/{key}</c>: a test scripts a license's life while the system under
/// test runs, everywhere or in one namespace, and the next request sees the change.
/// </summary>
public sealed class LicenseRunTimeTests() : HostedTest(Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Beacon:Licenses:0:Key"] = Key,
        ["Beacon:Licenses:0:OrgId"] = "6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10",
    };

    private const string Key = "lcl_runtime_0123456789abcdef";

    [Fact]
    public async Task ValidAtStartup_RevokedAnHourLater_RefusedFromThen_AndTheLastTokenStillValidates()
    {
        await TokenTests.VerifyAsync(Client, Key);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var token = await TokenTests.VerifyAsync(Client, Key);

        var put = await PutAsync(Key, """{"status": "revoked"}""");
        var refused = await VerifyAsync(Key);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("revoked", (await refused.ReadProblemAsync()).GetProperty("reason").GetString());
        // The token issued before the change is signed: it keeps its claims and validates until it expires.
        var validation = await TokenTests.ValidateAsync(Client, App, token);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10", ((JsonWebToken)validation.SecurityToken).GetClaim("org_id").Value);
    }

    [Theory]
    [InlineData("revoked", HttpStatusCode.Forbidden)]
    [InlineData("expired", HttpStatusCode.Forbidden)]
    [InlineData("active", HttpStatusCode.OK)]
    public async Task Put_SetsTheStatus_AndTheNextRequestFollowsIt(string status, HttpStatusCode expected)
    {
        await PutAsync(Key, """{"status": "revoked"}""");

        await PutAsync(Key, $$"""{"status": "{{status}}"}""");

        Assert.Equal(expected, (await VerifyAsync(Key)).StatusCode);
    }

    [Fact]
    public async Task Put_ClaimsOrgIdIdAndLifetime_AreInTheNextToken_AndInTheView()
    {
        var view = await (await PutAsync("lcl_new_key_0000000000", """
            {"status": "active", "id": "license-42", "orgId": "0b0e5b5e-95d8-4c5e-8f43-1a1c3f0e2d11", "tokenLifetimeSeconds": 60,
             "claims": {"lgp_enabled": true, "users": 25, "ratio": 0.5, "plan": "enterprise"}}
            """)).ReadJsonAsync();

        var jwt = new JsonWebToken(await TokenTests.VerifyAsync(Client, "lcl_new_key_0000000000"));

        Assert.Equal(("license-42", "0b0e5b5e-95d8-4c5e-8f43-1a1c3f0e2d11"), (jwt.Subject, jwt.GetClaim("org_id").Value));
        Assert.Equal(TimeSpan.FromSeconds(60), jwt.ValidTo - jwt.IssuedAt);
        Assert.True(jwt.GetPayloadValue<bool>("lgp_enabled"));
        Assert.Equal(25, jwt.GetPayloadValue<long>("users"));
        Assert.Equal(0.5, jwt.GetPayloadValue<double>("ratio"));
        Assert.Equal("enterprise", jwt.GetPayloadValue<string>("plan"));
        Assert.Equal("""{"lgp_enabled":true,"users":25,"ratio":0.5,"plan":"enterprise"}""", view.GetProperty("claims").GetRawText());
        Assert.Equal((60, true, false), (view.GetProperty("tokenLifetimeSeconds").GetInt32(), view.GetProperty("changed").GetBoolean(), view.GetProperty("configured").GetBoolean()));
    }

    [Fact]
    public async Task Put_CreatingAKey_Answers201WithItsLocation_AndChangingItAgain200()
    {
        const string Fresh = "lcl_created_at_run_time_0000";

        var created = await PutAsync(Fresh, """{"status": "active"}""");
        var changed = await PutAsync(Fresh, """{"status": "revoked"}""");
        var configured = await PutAsync(Key, """{"status": "revoked"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/mock/licenses/{Fresh}", created.Headers.Location?.OriginalString);
        Assert.Equal("active", (await created.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
    }

    [Fact]
    public async Task GetOne_AnswersTheLicenseAsTheNamespaceSeesIt_Or404()
    {
        await PutAsync(Key, """{"status": "revoked"}""", "t1");

        var everywhere = await Client.GetFromJsonAsync<JsonElement>($"/mock/licenses/{Key}");
        var t1 = await Client.GetFromJsonAsync<JsonElement>($"/mock/licenses/{Key}?namespace=t1");
        var unknown = await Client.GetAsync("/mock/licenses/lcl_never_seen_000000000");

        Assert.Equal(("active", true, false), (everywhere.GetProperty("status").GetString(), everywhere.GetProperty("configured").GetBoolean(), everywhere.GetProperty("changed").GetBoolean()));
        Assert.Equal(("revoked", true), (t1.GetProperty("status").GetString(), t1.GetProperty("changed").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("lcl_never_seen_000000000", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_AnIntegerClaimPastADouble_KeepsEveryDigitInTheTokenAndTheView()
    {
        var view = await (await PutAsync(Key, """{"status": "active", "claims": {"quota": 18446744073709551615, "tiny": -9007199254740993}}""")).ReadJsonAsync();

        var jwt = new JsonWebToken(await TokenTests.VerifyAsync(Client, Key));

        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.EncodedPayload);
        Assert.Contains("\"quota\":18446744073709551615", payload);
        Assert.Contains("\"tiny\":-9007199254740993", payload);
        Assert.Equal("""{"quota":18446744073709551615,"tiny":-9007199254740993}""", view.GetProperty("claims").GetRawText());
    }

    [Fact]
    public async Task Delete_AConfiguredLicense_MakesItUnknown_RefusedWhenOnlyKnownOnesAreAccepted()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:RequireKnownLicense"] = "true",
            ["Beacon:Licenses:0:Key"] = Key,
        });
        var client = app.CreateBeaconClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{Key}}"}""")).StatusCode);

        var deleted = await client.DeleteAsync($"/mock/licenses/{Key}");
        var refused = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license":"{{Key}}"}""");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("unknown", (await refused.ReadProblemAsync()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/mock/licenses/{Key}")).StatusCode);
    }

    [Fact]
    public async Task Delete_AKeyWithNoDefinition_Answers404()
    {
        var response = await Client.DeleteAsync("/mock/licenses/lcl_never_defined_000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("lcl_never_defined_000000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NamespacedChange_AppliesOnlyUnderThatNamespace_OnEveryRouteThatCarriesALicense()
    {
        await PutAsync(Key, """{"status": "revoked"}""", "t1");

        Assert.Equal(HttpStatusCode.Forbidden, (await VerifyAsync(Key, "/ns/t1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Key, "/ns/t2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Key)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await AuthAsync(Key, "/ns/t1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthAsync(Key, "")).StatusCode);
        var snapshot = Wire.Sample("usage-snapshot-request").Replace("<YOUR_LICENSE_KEY>", Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.PostJsonAsync("/ns/t1/v1/beacon/usage-snapshot", snapshot)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonAsync("/ns/t2/v1/beacon/usage-snapshot", snapshot)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await OtlpAsync(Key, "/ns/t1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OtlpAsync(Key, "")).StatusCode);
    }

    [Fact]
    public async Task NamespacedChange_TakesPrecedenceOverAGlobalOne_AndGlobalOverTheConfiguration()
    {
        await PutAsync(Key, """{"status": "revoked"}""");
        await PutAsync(Key, """{"status": "active"}""", "t1");

        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Key, "/ns/t1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await VerifyAsync(Key, "/ns/t2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await VerifyAsync(Key)).StatusCode);

        var t1 = await Client.GetFromJsonAsync<JsonElement>("/mock/licenses?namespace=t1");
        var everywhere = await Client.GetFromJsonAsync<JsonElement>("/mock/licenses");
        Assert.Equal("active", Single(t1, Key).GetProperty("status").GetString());
        Assert.Equal("revoked", Single(everywhere, Key).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reset_OfANamespace_UndoesOnlyItsChanges_AndFullResetBringsBackTheConfiguration()
    {
        await PutAsync(Key, """{"status": "revoked"}""", "t1");
        await PutAsync(Key, """{"status": "expired"}""", "t2");

        await Client.PostAsync("/mock/reset?namespace=t1", null);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Key, "/ns/t1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await VerifyAsync(Key, "/ns/t2")).StatusCode);

        await PutAsync(Key, """{"status": "revoked"}""");
        await Client.DeleteAsync($"/mock/licenses/{Key}?namespace=t3");
        await Client.PostAsync("/mock/reset", null);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Key, "/ns/t2")).StatusCode);
        var view = Single(await Client.GetFromJsonAsync<JsonElement>("/mock/licenses"), Key);
        Assert.Equal((true, false, "active"), (view.GetProperty("configured").GetBoolean(), view.GetProperty("changed").GetBoolean(), view.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("{}", "status")]
    [InlineData("""{"status": "suspended"}""", "status")]
    [InlineData("""{"status": "1"}""", "status")]
    [InlineData("""{"status": 1}""", "status")]
    [InlineData("""{"status": "active", "orgId": "not-a-uuid"}""", "orgId")]
    [InlineData("""{"status": "active", "tokenLifetimeSeconds": 0}""", "tokenLifetimeSeconds")]
    [InlineData("""{"status": "active", "tokenLifetimeSeconds": 604801}""", "tokenLifetimeSeconds")]
    [InlineData("""{"status": "active", "tokenLifetimeSeconds": "60"}""", "tokenLifetimeSeconds")]
    [InlineData("""{"status": "active", "claims": {"exp": 1}}""", "claims.exp")]
    [InlineData("""{"status": "active", "claims": {"sub": "x"}}""", "claims.sub")]
    [InlineData("""{"status": "active", "claims": {"org_id": "6f0d4c52-3b8e-4b67-9d77-2a1b0e5c9f10"}}""", "claims.org_id")]
    [InlineData("""{"status": "active", "claims": {"tags": ["a"]}}""", "claims.tags")]
    [InlineData("""{"status": "active", "claims": {"none": null}}""", "claims.none")]
    [InlineData("""{"status": "active", "claims": {"plan": "a\udc00b"}}""", "claims.plan")]
    [InlineData("""{"status": "active", "claims": []}""", "claims")]
    [InlineData("""{"status": "active", "id": " "}""", "id")]
    [InlineData("""{"status": "active", "statsu": "revoked"}""", "statsu")]
    [InlineData("[]", "$")]
    [InlineData("null", "$")]
    [InlineData("{\"status\":", "$")]
    [InlineData("", "$")]
    public async Task Put_WithABadBody_Answers400NamingTheField_AndChangesNothing(string body, string field)
    {
        var response = await PutAsync(Key, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ReadErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Key)).StatusCode);
    }

    [Fact]
    public async Task Put_WithAnotherContentType_Answers415()
    {
        var response = await Client.PutAsync($"/mock/licenses/{Key}", new StringContent("""{"status":"revoked"}""", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Put_WithAnInvalidNamespace_Answers400()
    {
        var response = await PutAsync(Key, """{"status": "revoked"}""", "no spaces");

        Assert.Equal(["namespace"], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task TheKeyInTheUrl_NeverAppearsWholeInTheLogs()
    {
        const string Secret = "lcl_secret_key_in_url_0123456789";
        await PutAsync(Secret, """{"status": "revoked"}""");
        await PutAsync(Secret, """{"status": "active"}""", "t1");
        await Client.GetAsync($"/mock/licenses?namespace=t1");
        await Client.DeleteAsync($"/mock/licenses/{Secret}?namespace=t1");
        await Client.DeleteAsync($"/mock/licenses/{Secret}");
        await Client.DeleteAsync($"/mock/licenses/{Secret}");

        var lines = App.Logs.Lines().ToList();
        Assert.Contains(lines, l => l.Contains("/mock/licenses/lcl_…#", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/mock//licenses/{0}")]
    [InlineData("/mock/licenses//{0}")]
    [InlineData("/mock/licenses/{0}/")]
    [InlineData("/mock///licenses///{0}//")]
    [InlineData("/MOCK/Licenses/{0}")]
    [InlineData("/ns/t1/mock/licenses/{0}")]
    public async Task TheKeyInAnyFormOfTheUrl_IsMaskedUnderOneFingerprint(string form)
    {
        const string Secret = "lcl_secret_key_in_url_0123456789";
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, Secret);

        await Client.PutAsync(path, Wire.Json("""{"status": "revoked"}"""));
        await Client.GetAsync(path);
        await Client.DeleteAsync(path);
        await PutAsync(Secret, """{"status": "revoked"}""");

        AssertMaskedUnderOneFingerprint(Secret);
    }

    [Fact]
    public async Task AKeyHoldingAnEscapedSlash_IsOneKey_MaskedUnderOneFingerprint()
    {
        const string Secret = "lcl_slash/in_the_key_0123456789";
        var escaped = Uri.EscapeDataString(Secret);

        var put = await Client.PutAsync($"/mock/licenses/{escaped}", Wire.Json("""{"status": "revoked"}"""));
        var view = await Client.GetFromJsonAsync<JsonElement>($"/mock/licenses/{escaped}");
        var refused = await VerifyAsync(Secret);
        await Client.DeleteAsync($"/mock/licenses/{escaped}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal((Secret, "revoked"), (view.GetProperty("key").GetString(), view.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        AssertMaskedUnderOneFingerprint(Secret);
        Assert.DoesNotContain(App.Logs.Lines(), l => l.Contains(escaped, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>No log line holds the key whole, and every line that names it names it by the same fingerprint.</summary>
    private void AssertMaskedUnderOneFingerprint(string secret)
    {
        var lines = App.Logs.Lines().ToList();
        var fingerprint = Beacon.MockServer.Http.Secrets.Mask(secret);
        Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(fingerprint, StringComparison.Ordinal));
        var masks = lines.SelectMany(l => System.Text.RegularExpressions.Regex.Matches(l, "lcl_…#[0-9a-f]{8}").Select(m => m.Value)).Distinct();
        Assert.Equal([fingerprint], masks);
    }

    private Task<HttpResponseMessage> PutAsync(string key, string body, string? ns = null) =>
        Client.PutAsync($"/mock/licenses/{key}{(ns is null ? "" : $"?namespace={Uri.EscapeDataString(ns)}")}", Wire.Json(body));

    private Task<HttpResponseMessage> VerifyAsync(string key, string prefix = "") =>
        Client.PostJsonAsync($"{prefix}/v1/beacon/verify", $$"""{"license":"{{key}}"}""");

    private Task<HttpResponseMessage> AuthAsync(string key, string prefix)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/auth");
        request.Headers.Add("X-Api-Key", key);
        return Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> OtlpAsync(string key, string prefix)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{prefix}{Infrastructure.Otlp.Logs}") { Content = Wire.Json("{}") };
        request.Headers.Add("X-Langchain-License-Key", key);
        return Client.SendAsync(request);
    }

    private static JsonElement Single(JsonElement licenses, string key) =>
        Assert.Single(licenses.GetProperty("items").EnumerateArray(), l => l.GetProperty("key").GetString() == key);
}
