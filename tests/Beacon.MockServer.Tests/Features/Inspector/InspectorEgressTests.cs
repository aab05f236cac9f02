using Beacon.MockServer.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Beacon.MockServer.Tests.Features.Inspector;

/// <summary>The inspector's Egress view: each promise's verdict as traffic arrives, and a broken one's evidence leading to its capture.</summary>
public sealed class InspectorEgressTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task TheEgressView_ShowsEachVerdict_AndABreaksEvidenceOpensItsCapture()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", Wire.Sample("verify-request"));
        await inspector.OpenAsync();
        var egress = inspector.Page.Locator("#egress");
        await Expect(egress.Locator("li.promise[data-id='no-personal-data'] .verdict")).ToHaveTextAsync("pass");
        await Expect(egress.Locator(".count")).ToHaveTextAsync("(none broken)");

        // Arrives while the page is open: the view is read again, and shows the break.
        await inspector.Client.PostJsonAsync("/v1/beacon/v1/logs",
            """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":17,"body":{"stringValue":"mail ops@example.com"}}]}]}]}""");
        var broken = egress.Locator("li.promise[data-id='no-personal-data']");
        await Expect(broken.Locator(".verdict")).ToHaveTextAsync("fail");
        await Expect(egress.Locator(".count")).ToHaveTextAsync("(1 broken)");
        await Expect(broken.Locator(".evidence li")).ToContainTextAsync("o***@e***.com");
        await Expect(egress).Not.ToContainTextAsync("ops@example.com");

        await broken.Locator(".evidence button.open").ClickAsync();

        await Expect(inspector.Page.Locator("#detail h2")).ToContainTextAsync("logs");
        var body = inspector.Page.Locator("#detail [data-path='resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue']");
        await Expect(body.Locator(":scope > .note")).ToContainTextAsync("Breaks the egress promise no-personal-data");
        inspector.AssertNoProblems();
    }

    [Fact]
    public async Task TheNamespaceFilter_ScopesTheEgressView()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        await inspector.Client.PostJsonAsync("/ns/clean/v1/beacon/verify", Wire.Sample("verify-request"));
        await inspector.Client.PostJsonAsync("/ns/leaky/v1/beacon/v1/logs",
            """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":17,"body":{"stringValue":"mail ops@example.com"}}]}]}]}""");
        await inspector.OpenAsync();
        var egress = inspector.Page.Locator("#egress");
        await Expect(egress.Locator(".count")).ToHaveTextAsync("(1 broken)");

        await inspector.Page.Locator("#namespace").SelectOptionAsync("clean");

        await Expect(egress.Locator(".panel-state").First).ToHaveTextAsync("1 requests audited in namespace clean.");
        await Expect(egress.Locator(".count")).ToHaveTextAsync("(none broken)");
        inspector.AssertNoProblems();
    }
}
