using System.Net;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Captures;

/// <summary>
/// The mock's own API refuses a query it would otherwise misread: a misspelled name, a value of the wrong type, an
/// unknown kind, a name given twice. Each is a 400 validation problem keyed by the parameter that lists what the
/// route takes, in words, on every /mock route.
/// </summary>
public sealed class StrictQueryTests : HostedTest
{
    [Theory]
    [InlineData("/mock/captures?licence=lcl_x", "licence", "license")]
    [InlineData("/mock/captures/wait?timeout=1000", "timeout", "timeoutMs")]
    [InlineData("/mock/otlp/spans?trace=abc", "trace", "traceId")]
    [InlineData("/mock/licenses?ns=t1", "ns", "namespace")]
    public async Task AMisspelledParameter_Is400NamingIt_AndListingWhatTheRouteTakes(string path, string field, string accepted)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = await OnlyErrorAsync(response, field);
        Assert.Contains(accepted, message);
    }

    [Theory]
    [InlineData("/mock/captures?kind=verfiy")]
    [InlineData("/mock/captures/wait?kind=trace&timeoutMs=0")]
    [InlineData("/mock/captures/stream?kind=span")]
    [InlineData("/mock/captures/export?kind=Verify")]
    public async Task AnUnknownKind_Is400ListingTheKinds(string path)
    {
        var response = await Client.GetAsync(path);

        var message = await OnlyErrorAsync(response, "kind");
        Assert.Contains("verify, ", message);
        Assert.Contains("traces", message);
    }

    [Fact]
    public async Task AnUnknownKind_OnDelete_Is400_AndDeletesNothing()
    {
        await Client.PostJsonAsync("/v1/beacon/verify", """{"license":"lcl_kept_0000000000"}""");

        var response = await Client.DeleteAsync("/mock/captures?kind=verfiy");

        await OnlyErrorAsync(response, "kind");
        Assert.Single(await Client.CapturesAsync());
    }

    [Theory]
    [InlineData("/mock/captures?limit=abc", "limit")]
    [InlineData("/mock/captures?after=-x", "after")]
    [InlineData("/mock/captures/wait?count=two&timeoutMs=0", "count")]
    [InlineData("/mock/captures/wait?timeoutMs=soon", "timeoutMs")]
    [InlineData("/mock/otlp/logs?minSeverity=error", "minSeverity")]
    [InlineData("/mock/captures?limit=1&limit=2", "limit")]
    [InlineData("/mock/captures?order=newest", "order")]
    public async Task AValueOfTheWrongType_Is400KeyedByTheParameter_InWords(string path, string field)
    {
        var response = await Client.GetAsync(path);

        var message = await OnlyErrorAsync(response, field);
        Assert.DoesNotContain("Nullable", message);
        Assert.DoesNotContain("Int32", message);
    }

    [Fact]
    public async Task EveryMockRoute_RefusesAParameterItDoesNotTake()
    {
        foreach (var (method, path) in App.Routes("lcl_strict_0000000000").Where(r => r.Path.StartsWith("/mock", StringComparison.Ordinal)))
        {
            var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?bogus=1") { Content = method is "POST" or "PUT" ? Wire.Json("{}") : null };

            var response = await Client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}?bogus=1 answered {(int)response.StatusCode}");
            await OnlyErrorAsync(response, "bogus");
        }
    }

    [Theory]
    [InlineData("/mock/captures?kind=verify&license=x&namespace=t1&after=0&limit=5&order=desc")]
    [InlineData("/mock/captures/wait?kind=metadata&count=1&timeoutMs=0&stage=received&order=asc")]
    [InlineData("/mock/otlp/spans?traceId=71699b6fe85982c7c8995ea3d9c95df2&spanId=3c191d03fa8be065&parentSpanId=3c191d03fa8be065&name=n&service=s&license=l&namespace=t1&after=0&limit=1&order=desc")]
    [InlineData("/mock/otlp/logs/wait?minSeverity=17&contains=x&count=1&timeoutMs=0")]
    [InlineData("/mock/billing/transactions?license=l&namespace=t1")]
    public async Task EveryDocumentedParameter_IsStillTaken(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.RequestTimeout, $"{path} answered {(int)response.StatusCode}");
    }

    private static async Task<string> OnlyErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        var property = Assert.Single(errors.EnumerateObject());
        Assert.Equal(field, property.Name);
        return property.Value.EnumerateArray().Single().GetString()!;
    }
}
