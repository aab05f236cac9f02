using Beacon.MockServer.Http;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Http;

/// <summary>
/// A key a client puts in a URL never reaches a log line whole: not in the path of a request no route serves (the
/// request log line), not in a query value; the rest of the path stays readable.
/// </summary>
public sealed class UrlMaskingTests : IDisposable
{
    private readonly BeaconApplication _app = new();
    private readonly HttpClient _client;

    public UrlMaskingTests() => _client = _app.CreateBeaconClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Theory]
    [InlineData("/v1/beacon/{0}", "lcl_secret_in_a_path_0123456789")]
    [InlineData("/v1/beacon/{0}/verify", "lsv2_pt_0123456789abcdef0123456789abcdef_0123456789")]
    [InlineData("/ns/t1/v1/{0}", "ls__0123456789abcdef0123456789abcdef")]
    [InlineData("/v1/beacon/verify/{0}", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("/{0}", "LCL_Upper_Case_Secret_0123456789")]
    public async Task AKeyInThePathOfARequestNoRouteServes_IsLoggedMasked(string form, string secret)
    {
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, secret);

        var response = await _client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var lines = _app.Logs.Lines().ToList();
        Assert.Contains(lines, l => l.Contains(path.Replace(secret, Secrets.Mask(secret), StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AKeyInTheQueryOfARequestNoRouteServes_IsNotLogged()
    {
        const string Secret = "lcl_secret_in_a_query_0123456789";

        await _client.GetAsync($"/v1/beacon/verify?license={Secret}");
        await _client.GetAsync($"/v1/beacon/check?license={Secret}");

        Assert.DoesNotContain(_app.Logs.Lines(), l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/v1/beacon/verify", "/v1/beacon/verify")]
    [InlineData("/ns/a-long-namespace-name/v1/metadata/submit", "/ns/a-long-namespace-name/v1/metadata/submit")]
    [InlineData("/mock/licenses/lcl_…#9f86d081", "/mock/licenses/lcl_…#9f86d081")]
    [InlineData("https://beacon.langchain.com/v1/beacon/verify", "https://beacon.langchain.com/v1/beacon/verify")]
    public void WhatHoldsNoKey_IsLeftAsItIs(string url, string logged) => Assert.Equal(logged, UrlMasking.Url(url));

    [Fact]
    public void InAUrl_EveryQueryValueIsMasked_AndTheNamesStay()
    {
        var masked = UrlMasking.Url("https://beacon.example:8443/v1/beacon/verify?license=lcl_abc&flag=1&empty=&bare");

        Assert.Equal($"https://beacon.example:8443/v1/beacon/verify?license={Secrets.Mask("lcl_abc")}&flag={Secrets.Mask("1")}&empty=&bare", masked);
    }

    [Fact]
    public void ABareWordInAQuery_IsMaskedWhenItLooksLikeAKey()
    {
        Assert.Equal($"/v1?{Secrets.Mask("lcl_bare_0123456789")}&debug", UrlMasking.Url("/v1?lcl_bare_0123456789&debug"));
        Assert.Equal($"/v1/{Secrets.Mask("lcl_in_a_path_0123456789")}/", UrlMasking.Path("/v1/lcl_in_a_path_0123456789/"));
    }

    [Fact]
    public void AnEscapedKey_IsMaskedUnderTheKeyItStandsFor()
    {
        Assert.Equal($"/v1/{Secrets.Mask("lcl_a/b_0123456789abc")}", UrlMasking.Path("/v1/lcl_a%2Fb_0123456789abc"));
        Assert.Equal($"/v1?license={Secrets.Mask("lcl a")}", UrlMasking.Url("/v1?license=lcl%20a"));
    }
}
