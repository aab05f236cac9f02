using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Tests.Reliability;

/// <summary>
/// What must never leave the mock: secrets whole in its logs, the signing key over HTTP, stack traces in
/// error bodies, and responses to other origins' browsers unless CORS was configured.
/// </summary>
public sealed class SecurityTests : IDisposable
{
    private const string License = "lcl_SECRETLICENSE_5e8a1f0c2b7d";
    private const string ApiKey = "lsv2_pt_SECRETAPIKEY_91c3e0ab44";
    private const string DataPlane = "dp_SECRETDATAPLANE_0f2e6d";
    private const string AdminToken = "SECRETADMIN_token_77a1";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _pemPath = Path.Combine(Path.GetTempPath(), $"beacon-security-{Guid.NewGuid():N}.pem");
    private readonly BeaconApplication _app;
    private readonly HttpClient _client;

    public SecurityTests()
    {
        File.WriteAllText(_pemPath, _rsa.ExportPkcs8PrivateKeyPem());
        _app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:RequireKnownLicense"] = "true",
            ["Beacon:Licenses:0:Key"] = License,
            ["Beacon:Licenses:1:Key"] = ApiKey,
            ["Beacon:Token:SigningKeyPath"] = _pemPath,
            ["Beacon:Admin:Token"] = AdminToken,
        });
        _client = _app.CreateBeaconClient();
        _client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
    }

    public void Dispose()
    {
        _app.Dispose();
        _rsa.Dispose();
        File.Delete(_pemPath);
    }

    /// <summary>The private key's secret parts as they would appear in a JWK or a PEM; none may ever be seen.</summary>
    private string[] PrivateKeyForms()
    {
        var p = _rsa.ExportParameters(includePrivateParameters: true);
        return [.. new[] { p.D!, p.P!, p.Q!, p.DP!, p.DQ!, p.InverseQ! }.SelectMany(b => new[] { Base64UrlEncoder.Encode(b), Convert.ToBase64String(b) }.Select(s => s[..24])),
            "PRIVATE KEY", File.ReadAllLines(_pemPath)[1]];
    }

    [Fact]
    public async Task SecretsSentEveryWay_NeverAppearWholeInTheLogs()
    {
        var token = (await (await _client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "{{License}}"}""")).ReadJsonAsync()).GetProperty("token").GetString()!;
        await _client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "{{License}}_unknown"}""");
        await _client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "{{License}}" """); // malformed
        var ingest = JsonNode.Parse(Wire.Sample("ingest-traces-request"))!;
        ingest["license"] = License;
        await _client.PostJsonAsync("/ns/sec/v1/beacon/ingest-traces", ingest.ToJsonString());
        foreach (var (header, value) in new[] { ("X-Api-Key", ApiKey), ("X-Langchain-License-Key", License), ("Authorization", $"Bearer {token}") })
        {
            using var auth = new HttpRequestMessage(HttpMethod.Get, "/auth?langgraph-api=true");
            auth.Headers.Remove("Authorization");
            auth.Headers.TryAddWithoutValidation(header, value);
            await _client.SendAsync(auth);
        }
        using var export = new HttpRequestMessage(HttpMethod.Post, Otlp.Traces) { Content = Otlp.Content(Encoding.UTF8.GetBytes(Wire.Sample("otlp-traces-request")), Otlp.Json) };
        export.Headers.Add("X-Langchain-License-Key", License);
        export.Headers.Add("X-Data-Plane-Auth", DataPlane);
        await _client.SendAsync(export);
        await _client.GetAsync($"/mock/captures?license={License}");
        await _client.PutAsync($"/mock/licenses/{License}", Wire.Json("""{"status": "revoked"}"""));
        await _client.GetAsync($"/mock/licenses/{License}");
        await _client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "{{License}}"}"""); // now refused
        using var wrongAdmin = new HttpClient(_app.Server.CreateHandler()) { BaseAddress = _client.BaseAddress };
        wrongAdmin.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken + "_wrong");
        await wrongAdmin.GetAsync("/mock/captures");

        var lines = _app.Logs.Lines().ToList();
        Assert.True(lines.Count > 15, $"only {lines.Count} log lines");
        // The lines still say what happened, with the secrets masked.
        Assert.Contains(lines, l => l.Contains("verified", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("refused", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/mock/captures", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/mock/licenses/", StringComparison.Ordinal));
        string[] secrets = [License, ApiKey, DataPlane, AdminToken, token, .. token.Split('.').Skip(1), .. PrivateKeyForms()];
        foreach (var secret in secrets)
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        // The parts that make each one a secret, too: a log may keep a short prefix, never the rest.
        Assert.DoesNotContain(lines, l => l.Contains("SECRETLICENSE_5e8a", StringComparison.Ordinal) || l.Contains("SECRETAPIKEY", StringComparison.Ordinal)
            || l.Contains("SECRETDATAPLANE", StringComparison.Ordinal) || l.Contains("SECRETADMIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivateKey_IsServedByNoRoute_OnlyThePublicJwk()
    {
        // A token exists, so the key is loaded; every GET route the app maps is then read.
        await _client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "{{License}}"}""");
        var routes = _app.Routes(License).Where(r => r.Method == "GET" && !r.Path.EndsWith("/stream", StringComparison.Ordinal))
            .Select(r => r.Path.EndsWith("/wait", StringComparison.Ordinal) ? r.Path + "?timeoutMs=0" : r.Path)
            .Concat(["/openapi/v1.json", "/swagger/index.html"]).ToList();
        Assert.Contains("/.well-known/jwks.json", routes);

        var forms = PrivateKeyForms();
        foreach (var path in routes)
        {
            var body = await (await _client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(forms, f => body.Contains(f, StringComparison.Ordinal));
        }

        var jwks = JsonNode.Parse(await _client.GetStringAsync("/.well-known/jwks.json"))!;
        var key = Assert.Single(jwks["keys"]!.AsArray())!.AsObject();
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Base64UrlEncoder.Encode(_rsa.ExportParameters(false).Modulus!), key["n"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hs256Secret_IsNeitherServedNorLogged()
    {
        const string secret = "SECRETHMAC_0123456789abcdef0123456789abcdef";
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Token:Algorithm"] = "HS256",
            ["Beacon:Token:HmacSecret"] = secret,
        });
        var client = app.CreateBeaconClient();

        var verified = await client.PostJsonAsync("/v1/beacon/verify", $$"""{"license": "{{License}}"}""");
        var jwks = await client.GetStringAsync("/.well-known/jwks.json");
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        var captures = await client.GetStringAsync("/mock/captures");

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("""{"keys":[]}""", jwks);
        Assert.DoesNotContain(app.Logs.Lines(), l => l.Contains("SECRETHMAC", StringComparison.Ordinal));
        Assert.All(new[] { jwks, openApi, captures }, body => Assert.DoesNotContain("SECRETHMAC", body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task AnUnexpectedError_Answers500Problem_WithoutAStackTrace(string environment)
    {
        var clock = new BreakableClock();
        using var app = _app.WithWebHostBuilder(web => web.UseEnvironment(environment).ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        }));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        clock.Broken = true;
        var response = await client.PostAsync("/v1/beacon/verify", Wire.Json($$"""{"license": "{{License}}"}"""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(BreakableClock.Message, body);
        Assert.DoesNotContain(nameof(BreakableClock), body);
        Assert.DoesNotContain(" at ", body);
        Assert.DoesNotContain("Exception", body);
        clock.Broken = false;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Cors_IsOffUnlessConfigured()
    {
        var preflight = await _client.SendAsync(Preflight("/mock/captures", "http://evil.example"));
        var simple = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { { "Origin", "http://evil.example" } } });

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
    }

    [Fact]
    public async Task Cors_WhenConfigured_AllowsOnlyThoseOrigins_AndItsPreflightNeedsNoAdminToken()
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Cors:Origins:0"] = "http://localhost:3000",
            ["Beacon:Admin:Token"] = AdminToken,
        });
        var client = app.CreateBeaconClient();

        var allowed = await client.SendAsync(Preflight("/mock/captures", "http://localhost:3000"));
        var refused = await client.SendAsync(Preflight("/mock/captures", "http://evil.example"));
        var read = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/mock/captures")
        {
            Headers = { { "Origin", "http://localhost:3000" }, { "Authorization", $"Bearer {AdminToken}" } },
        });

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("http://localhost:3000", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("http://localhost:3000", read.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static HttpRequestMessage Preflight(string path, string origin) => new(HttpMethod.Options, path)
    {
        Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "GET" }, { "Access-Control-Request-Headers", "authorization" } },
    };

    /// <summary>A clock that throws when told to: an unexpected failure deep in a request, on demand.</summary>
    private sealed class BreakableClock : TimeProvider
    {
        public const string Message = "the clock broke: secret internal detail";

        public volatile bool Broken;

        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException(Message) : BeaconApplication.Start;
    }
}
