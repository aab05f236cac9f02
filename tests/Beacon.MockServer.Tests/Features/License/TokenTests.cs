using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.MockServer.Tests.Features.License;

/// <summary>The JWT that verify issues, checked the way a client would: a standard library and the JWKS.</summary>
public sealed class TokenTests
{
    private const string License = "lcl_test_0123456789abcdef";

    [Fact]
    public async Task Verify_TokenValidatesAgainstJwksWithAStandardLibrary()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();

        var token = await VerifyAsync(client, License);
        var result = await ValidateAsync(client, app, token);

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = new JsonWebToken(token);
        Assert.Equal("RS256", jwt.Alg);
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        Assert.Equal(jwks.GetProperty("keys")[0].GetProperty("kid").GetString(), jwt.Kid);
    }

    [Fact]
    public async Task Verify_TokenCarriesTheDocumentedClaims()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();

        var jwt = new JsonWebToken(await VerifyAsync(client, License));

        Assert.Equal("https://beacon.langchain.com", jwt.Issuer);
        Assert.Equal(["langchain-self-hosted"], jwt.Audiences);
        Assert.Equal(BeaconApplication.Start.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(BeaconApplication.Start.UtcDateTime, jwt.ValidFrom);
        Assert.Equal(BeaconApplication.Start.AddMinutes(5).UtcDateTime, jwt.ValidTo);
        Assert.True(Guid.TryParse(jwt.Id, out _));
        Assert.StartsWith("license-", jwt.Subject);
        Assert.DoesNotContain(License, jwt.Subject);
        Assert.DoesNotContain(License, jwt.EncodedPayload + System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload)));
    }

    [Fact]
    public async Task Verify_TokenExpiresWhenTheClockPassesExp()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();
        var token = await VerifyAsync(client, License);

        app.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True((await ValidateAsync(client, app, token)).IsValid);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await ValidateAsync(client, app, token);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenInvalidLifetimeException>(expired.Exception);
    }

    [Fact]
    public async Task Verify_ConfiguredLicense_PutsItsIdOrgAndTypedClaimsInTheToken()
    {
        var orgId = "0b7a5a8e-8d8f-4d63-9c36-1f1d0c5b6a01";
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Licenses:0:Key"] = License,
            ["Beacon:Licenses:0:Id"] = "customer-42",
            ["Beacon:Licenses:0:OrgId"] = orgId,
            ["Beacon:Licenses:0:Claims:lgp_enabled"] = "true",
            ["Beacon:Licenses:0:Claims:users"] = "25",
            ["Beacon:Licenses:0:Claims:plan"] = "enterprise",
            ["Beacon:Token:LifetimeSeconds"] = "60",
            ["Beacon:Token:Issuer"] = "https://beacon.test",
            ["Beacon:Token:Audience"] = "my-tests",
        });
        var client = app.CreateBeaconClient();

        var jwt = new JsonWebToken(await VerifyAsync(client, License));

        Assert.Equal("customer-42", jwt.Subject);
        Assert.Equal(orgId, jwt.GetClaim("org_id").Value);
        Assert.True(jwt.GetPayloadValue<bool>("lgp_enabled"));
        Assert.Equal(25, jwt.GetPayloadValue<int>("users"));
        Assert.Equal("enterprise", jwt.GetPayloadValue<string>("plan"));
        Assert.Equal("https://beacon.test", jwt.Issuer);
        Assert.Equal(["my-tests"], jwt.Audiences);
        Assert.Equal(BeaconApplication.Start.AddSeconds(60).UtcDateTime, jwt.ValidTo);
    }

    [Theory]
    [InlineData("18446744073709551615")] // 2^64 - 1: past a long, and far past a double's 2^53
    [InlineData("9007199254740993")] // 2^53 + 1: the first integer a double cannot hold
    [InlineData("-170141183460469231731687303715884105728")]
    public async Task Verify_ConfiguredIntegerClaim_KeepsEveryDigitInTheTokenAndTheView(string integer)
    {
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Licenses:0:Key"] = License,
            ["Beacon:Licenses:0:Claims:quota"] = integer,
        });
        var client = app.CreateBeaconClient();

        var jwt = new JsonWebToken(await VerifyAsync(client, License));
        var view = await client.GetFromJsonAsync<JsonElement>($"/mock/licenses/{License}");

        Assert.Contains($"\"quota\":{integer}", Base64UrlEncoder.Decode(jwt.EncodedPayload));
        Assert.Equal(integer, view.GetProperty("claims").GetProperty("quota").GetRawText());
    }

    [Fact]
    public async Task Jwks_ServesOnlyThePublicKey()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
    }

    [Fact]
    public async Task Verify_WithAPemKeyFromConfiguration_SignsWithThatKey()
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(Path.GetTempPath(), $"beacon-key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, rsa.ExportPkcs8PrivateKeyPem());
        try
        {
            using var app = new BeaconApplication(new Dictionary<string, string?> { ["Beacon:Token:SigningKeyPath"] = path });
            var client = app.CreateBeaconClient();

            var token = await VerifyAsync(client, License);

            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(app, new RsaSecurityKey(rsa.ExportParameters(false))));
            Assert.True(result.IsValid, result.Exception?.Message);
            var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
            Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), jwks.GetProperty("keys")[0].GetProperty("n").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Verify_WithHs256_SignsWithTheSecretAndPublishesNoKey()
    {
        const string secret = "a-test-secret-that-is-at-least-32-bytes-long";
        using var app = new BeaconApplication(new Dictionary<string, string?>
        {
            ["Beacon:Token:Algorithm"] = "HS256",
            ["Beacon:Token:HmacSecret"] = secret,
        });
        var client = app.CreateBeaconClient();

        var token = await VerifyAsync(client, License);

        Assert.Equal("HS256", new JsonWebToken(token).Alg);
        var key = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(secret));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(app, key));
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        Assert.Empty(jwks.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task Verify_TokenIsRecordedOnTheCapture_InItsDetails_AndWholeOnlyInTheAnswerItGot()
    {
        using var app = new BeaconApplication();
        var client = app.CreateBeaconClient();
        var jwt = new JsonWebToken(await VerifyAsync(client, License));

        var capture = await client.LastCaptureAsync();

        var details = capture.GetProperty("details");
        Assert.Equal(jwt.Id, details.GetProperty("tokenId").GetString());
        Assert.Equal(jwt.Subject, details.GetProperty("subject").GetString());
        Assert.DoesNotContain(jwt.EncodedToken, details.GetRawText());
        // What the mock answered is kept as it was sent: the token the client got, and only there.
        Assert.Equal(jwt.EncodedToken, capture.GetProperty("response").GetProperty("body").GetProperty("token").GetString());
        Assert.DoesNotContain(jwt.EncodedToken, capture.GetRawText().Replace(capture.GetProperty("response").GetRawText(), ""));
    }

    internal static async Task<string> VerifyAsync(HttpClient client, string license)
    {
        var response = await client.PostJsonAsync("/v1/beacon/verify", JsonSerializer.Serialize(new { license }));
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("token").GetString()!;
    }

    internal static async Task<TokenValidationResult> ValidateAsync(HttpClient client, BeaconApplication app, string token)
    {
        var keys = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks.json")).GetSigningKeys();
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(app, [.. keys]));
    }

    private static TokenValidationParameters Parameters(BeaconApplication app, params SecurityKey[] keys) => new()
    {
        ValidIssuers = ["https://beacon.langchain.com", "https://beacon.test"],
        ValidAudiences = ["langchain-self-hosted", "my-tests"],
        IssuerSigningKeys = keys,
        // The library's own clock hook is not public in this version: judge the lifetime by the fake clock.
        LifetimeValidator = (notBefore, expires, _, _) =>
            notBefore <= app.Clock.GetUtcNow().UtcDateTime && app.Clock.GetUtcNow().UtcDateTime < expires,
    };
}
