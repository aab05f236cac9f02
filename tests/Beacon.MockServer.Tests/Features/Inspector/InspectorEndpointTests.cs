using System.Net;
using System.Text.RegularExpressions;
using Beacon.MockServer.Features.Inspector;
using Beacon.MockServer.Tests.Infrastructure;

namespace Beacon.MockServer.Tests.Features.Inspector;

/// <summary>How the inspector's files are served: from the assembly, without the admin token, locked to their own origin.</summary>
public sealed partial class InspectorEndpointTests() : HostedTest(new Dictionary<string, string?> { ["Beacon:Admin:Token"] = "inspector-admin-token" })
{
    [Fact]
    public async Task EveryFile_IsServedWithoutTheAdminToken_UnderAStrictContentSecurityPolicy()
    {
        Assert.Contains(InspectorAssets.All, a => a.Name == "inspector.html");
        foreach (var asset in InspectorAssets.All)
        {
            var path = asset.Name == "inspector.html" ? "/" : $"/inspector/{asset.Name}";

            var response = await Client.GetAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.Equal(asset.ContentType, response.Content.Headers.ContentType?.ToString());
            Assert.Equal(asset.Content, await response.Content.ReadAsByteArrayAsync());
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task MockApi_StillAsksForTheToken_ThePageDoesNot()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/mock/captures")).StatusCode);
    }

    [Fact]
    public async Task File_AskedAgainWithItsETag_IsNotSentAgain()
    {
        var first = await Client.GetAsync("/inspector/app.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/inspector/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFile_Is404()
    {
        var response = await Client.GetAsync("/inspector/missing.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void EveryFileThePageLoads_IsEmbedded_AndFromThisOrigin()
    {
        var names = InspectorAssets.All.Select(a => a.Name).ToHashSet();
        var html = Text("inspector.html");
        var referenced = PageReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/inspector/app.js", referenced);
        Assert.All(referenced.Where(r => r != "/swagger" && !r.StartsWith('#')), r => Assert.Contains(r["/inspector/".Length..], names));
        // Every module imports its siblings by relative path: nothing from another host, nothing missing.
        foreach (var script in names.Where(n => n.EndsWith(".js", StringComparison.Ordinal)))
        {
            foreach (Match import in ModuleImport().Matches(Text(script)))
                Assert.True(names.Contains(import.Groups[1].Value), $"{script} imports {import.Groups[1].Value}, which is not embedded");
        }
        // No absolute URL anywhere (the icon's XML namespace names no place to load from).
        Assert.DoesNotContain(InspectorAssets.All.Where(a => !a.Name.EndsWith(".svg", StringComparison.Ordinal)),
            a => Text(a.Name).Contains("http://", StringComparison.Ordinal) || Text(a.Name).Contains("https://", StringComparison.Ordinal));
    }

    [Fact]
    public void Files_StaySmall()
    {
        // The README gives their size; a page that grows past this should say why.
        Assert.InRange(InspectorAssets.TotalBytes, 1, 96 * 1024);
    }

    [Fact]
    public async Task Page_IsNotInTheOpenApiDocument()
    {
        var document = await (await Client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("/", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/inspector", StringComparison.Ordinal));
        Assert.Contains("/mock/captures", paths);
    }

    private static string Text(string name) =>
        System.Text.Encoding.UTF8.GetString(InspectorAssets.All.Single(a => a.Name == name).Content);

    [GeneratedRegex(@"(?:src|href)=""([^""]+)""")]
    private static partial Regex PageReference();

    [GeneratedRegex("""^import .* from '\./([\w.-]+)';$""", RegexOptions.Multiline)]
    private static partial Regex ModuleImport();
}
