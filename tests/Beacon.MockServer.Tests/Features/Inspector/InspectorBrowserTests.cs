using System.Text.RegularExpressions;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Beacon.MockServer.Tests.Features.Inspector;

/// <summary>
/// The inspector page in a real headless Chromium against the mock on a loopback port: what a person sees when
/// their deployment's requests arrive. Every test ends by checking the page had no script error, console error,
/// or failed request. Locators wait by themselves; nothing here sleeps.
/// </summary>
public sealed class InspectorBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string AdminToken = "inspector-admin-token";

    [Fact]
    public async Task Capture_SentAfterThePageLoaded_AppearsFirst_ThenShowsItsFinalStatus()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-before"}""");
        await inspector.OpenAsync();
        var rows = inspector.Page.Locator("#capture-rows tr");
        await Expect(rows).ToHaveCountAsync(1);

        await inspector.Client.PostJsonAsync("/ns/team-a/v1/beacon/verify", """{"license": "lic-live"}""");

        await Expect(rows).ToHaveCountAsync(2);
        var newest = rows.First;
        await Expect(newest.Locator("td.license")).ToHaveTextAsync("lic-live");
        await Expect(newest.Locator("td.ns")).ToHaveTextAsync("team-a");
        // Streamed at receipt with status null; the page reads it again for the status it was answered with.
        await Expect(newest.Locator(".status")).ToHaveTextAsync("200");
        await Expect(inspector.Page.Locator("#counts")).ToHaveTextAsync("2 shown of 2");
        inspector.AssertNoProblems();
    }

    [Fact]
    public async Task Pause_HoldsArrivalsAndCountsThem_Resume_ShowsThemAll()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        await inspector.OpenAsync();
        var pause = inspector.Page.Locator("#pause");
        await Expect(pause).ToHaveAccessibleNameAsync("Pause");

        await pause.ClickAsync();
        await Expect(pause).ToHaveAttributeAsync("aria-pressed", "true");
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-1"}""");
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-2"}""");

        await Expect(pause).ToHaveAccessibleNameAsync("Resume (2 new)");
        await Expect(inspector.Page.Locator("#capture-rows tr")).ToHaveCountAsync(0);
        await pause.ClickAsync();
        await Expect(pause).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(inspector.Page.Locator("#capture-rows td.license")).ToHaveTextAsync(["lic-2", "lic-1"]);
        inspector.AssertNoProblems();
    }

    [Fact]
    public async Task OpeningACapture_ShowsThePayloadIndented_WithEachFindingBesideItsField()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-open", "extra": {"deep": [1, 18446744073709551615]}}""");
        await inspector.OpenAsync();

        await inspector.Page.Locator("#capture-rows tr").First.ClickAsync();

        var payload = inspector.Page.Locator("#detail .payload");
        await Expect(payload.Locator("[data-path='license']")).ToContainTextAsync("\"license\": \"lic-open\"");
        // Digits past 2^53 are shown as sent, not rounded.
        await Expect(payload.Locator("[data-path='extra.deep[1]']")).ToHaveTextAsync("18446744073709551615");
        var extra = payload.Locator("[data-path='extra']");
        await Expect(extra).ToHaveClassAsync(new Regex(@"\bmarked\b"));
        // The route's finding, and the egress audit's naming the promise the field breaks.
        await Expect(extra.Locator(":scope > .note")).ToHaveTextAsync(
            ["⚠ Breaks the egress promise documented-fields: extra is not a field the pages document for verify.", "⚠ unknown property; accepted and ignored"]);
        await Expect(inspector.Page.Locator("#detail h2")).ToContainTextAsync("verify");
        await Expect(inspector.Page.Locator("#detail .facts.summary")).ToContainTextAsync("POST /v1/beacon/verify");

        // Escape closes it and gives the focus back to the row, where Enter opens it again.
        await inspector.Page.Keyboard.PressAsync("Escape");
        await Expect(inspector.Page.Locator("#detail .payload")).ToHaveCountAsync(0);
        await Expect(inspector.Page.Locator("#capture-rows button.open")).ToBeFocusedAsync();
        await inspector.Page.Keyboard.PressAsync("Enter");
        await Expect(payload.Locator("[data-path='license']")).ToBeVisibleAsync();
        inspector.AssertNoProblems();
    }

    [Fact]
    public async Task AnUnmatchedRequest_StandsOutInTheList_AndItsCaptureShowsTheAnswerNamingTheNearestRoute()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-fine"}""");
        await inspector.Client.PostJsonAsync("/v1/v1/traces", """{"resourceSpans": []}""");
        await inspector.OpenAsync();

        var unmatched = inspector.Page.Locator("#capture-rows td.k-unmatched");
        await Expect(unmatched).ToHaveTextAsync("unmatched POST /v1/v1/traces");
        await Expect(inspector.Page.Locator("#unmatched-note")).ToContainTextAsync("1 request to a path Beacon does not have");
        // The kind select is filled from the server's own list of kinds.
        await Expect(inspector.Page.Locator("#kind option[value='unmatched']")).ToHaveCountAsync(1);

        await unmatched.ClickAsync();

        await Expect(inspector.Page.Locator("#detail .warning.unmatched")).ToContainTextAsync("Your client called a path Beacon does not have");
        var answer = inspector.Page.Locator("#detail details", new() { HasText = "Response" });
        await Expect(answer).ToHaveAttributeAsync("open", "");
        await Expect(answer).ToContainTextAsync("did you mean POST /v1/beacon/v1/traces?");
        await Expect(answer.Locator(".status")).ToHaveTextAsync("404");
        inspector.AssertNoProblems();
    }

    [Fact]
    public async Task Search_FindsTextAnywhereInACapture_AndTheSelectsNarrowByKindStatusAndNamespace()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        var client = inspector.Client;
        await client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-plain"}""");
        await client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-other", "note": "a needle in the payload"}""");
        await client.PostJsonAsync("/ns/team-b/v1/beacon/verify", "{not json");
        await client.PostJsonAsync("/v1/beacon/ingest-traces", Wire.Sample("ingest-traces-request"));
        await inspector.OpenAsync();
        var licenses = inspector.Page.Locator("#capture-rows td.license");
        await Expect(licenses).ToHaveCountAsync(4);

        // "/" goes to the search box.
        await inspector.Page.Keyboard.PressAsync("/");
        await Expect(inspector.Page.GetByLabel("Search")).ToBeFocusedAsync();
        await inspector.Page.Keyboard.TypeAsync("NEEDLE");
        await Expect(licenses).ToHaveTextAsync(["lic-other"]);
        // A finding's message is searched too.
        await inspector.Page.GetByLabel("Search").FillAsync("unknown property");
        await Expect(licenses).ToHaveTextAsync(["lic-other"]);

        await inspector.Page.GetByLabel("Search").FillAsync("");
        await inspector.Page.GetByLabel("Status").SelectOptionAsync("4xx");
        await Expect(inspector.Page.Locator("#capture-rows td.ns")).ToHaveTextAsync(["team-b"]);
        await inspector.Page.GetByLabel("Status").SelectOptionAsync("");
        await inspector.Page.GetByLabel("Namespace").SelectOptionAsync("team-b");
        await Expect(inspector.Page.Locator("#capture-rows tr")).ToHaveCountAsync(1);
        await inspector.Page.GetByLabel("Namespace").SelectOptionAsync("");
        await inspector.Page.GetByLabel("Kind").SelectOptionAsync("ingest-traces");
        await Expect(inspector.Page.Locator("#capture-rows td.kind")).ToHaveTextAsync(["ingest-traces"]);
        inspector.AssertNoProblems();
    }

    [Fact]
    public async Task TracesExport_IsShownAsAWaterfall_EachChildNestedUnderItsParent()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);
        await InspectorTraffic.SendAsync(inspector.Client);
        await inspector.OpenAsync();

        await inspector.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(", traces$") }).ClickAsync();

        var rows = inspector.Page.Locator("#detail table.waterfall tbody tr");
        // Parents before children, whatever order the export listed them in, and each child one level deeper.
        await Expect(rows.Locator("td.span-name")).ToHaveTextAsync(InspectorTraffic.SpansInWaterfallOrder);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-depth", "0");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-depth", "1");
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-depth", "1");
        await Expect(rows.Nth(3)).ToHaveAttributeAsync("data-depth", "2");
        await Expect(rows.Nth(0).Locator("td.num")).ToHaveTextAsync("250 ms");
        await Expect(rows.Nth(3).Locator("td.num")).ToHaveTextAsync("120 ms");
        await Expect(rows.Locator(".bar")).ToHaveCountAsync(4);
        inspector.AssertNoProblems();
        await InspectorTraffic.ScreenshotIfAskedAsync(inspector.Page);
    }

    [Fact]
    public async Task WithAnAdminToken_ThePageAsksForIt_ThenListsCaptures_AndKeepsItForTheSession()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser, new Dictionary<string, string?> { ["Beacon:Admin:Token"] = AdminToken });
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-locked"}""");

        // The page and its files load without the token: the page must load to ask for it.
        Assert.Equal(200, (await inspector.Page.GotoAsync("/"))!.Status);
        var dialog = inspector.Page.GetByRole(AriaRole.Dialog, new() { Name = "Admin token" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(inspector.Page.Locator("#capture-rows tr")).ToHaveCountAsync(0);
        await dialog.GetByLabel("Admin token").FillAsync("not-the-token");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this token" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused");
        await dialog.GetByLabel("Admin token").FillAsync(AdminToken);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this token" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(inspector.Page.Locator("#capture-rows td.license")).ToHaveTextAsync(["lic-locked"]);
        Assert.Equal(AdminToken, await inspector.Page.EvaluateAsync<string>("sessionStorage.getItem('beacon-inspector-admin-token')"));
        // The stream follows with the token too (a header: EventSource could not send it).
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-after"}""");
        await Expect(inspector.Page.Locator("#capture-rows td.license")).ToHaveTextAsync(["lic-after", "lic-locked"]);
        // Only the /mock calls made before the token was given were refused, and nothing carried it in a URL.
        inspector.AssertNoProblems(p => p.Contains(" 401", StringComparison.Ordinal) && p.Contains("/mock/", StringComparison.Ordinal)
            || p.Contains("401 (Unauthorized)", StringComparison.Ordinal));
        Assert.DoesNotContain(inspector.Problems, p => p.Contains(AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithAnAdminToken_TheListSaysTheTokenIsNeeded_AndForgetAppearsOnlyOnceATokenIsKept()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser, new Dictionary<string, string?> { ["Beacon:Admin:Token"] = AdminToken });
        await inspector.Client.PostJsonAsync("/v1/beacon/verify", """{"license": "lic-locked"}""");
        var empty = inspector.Page.Locator("#empty");
        var button = inspector.Page.Locator("#token-button");

        await inspector.Page.GotoAsync("/");
        var dialog = inspector.Page.GetByRole(AriaRole.Dialog, new() { Name = "Admin token" });
        await Expect(dialog).ToBeVisibleAsync();

        // Captures exist: the list must not say there are none, only that it cannot show them yet.
        await Expect(empty).ToContainTextAsync("admin token");
        await Expect(empty).Not.ToContainTextAsync("Nothing captured yet");
        await dialog.GetByLabel("Admin token").FillAsync("not-the-token");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this token" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused");

        // A refused token is not kept, so there is nothing to forget.
        await Expect(button).ToBeHiddenAsync();
        Assert.Null(await inspector.Page.EvaluateAsync<string?>("sessionStorage.getItem('beacon-inspector-admin-token')"));
        await inspector.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(button).ToHaveTextAsync("Enter the admin token");
        await button.ClickAsync();
        await dialog.GetByLabel("Admin token").FillAsync(AdminToken);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this token" }).ClickAsync();

        await Expect(inspector.Page.Locator("#capture-rows td.license")).ToHaveTextAsync(["lic-locked"]);
        await Expect(empty).ToBeHiddenAsync();
        await Expect(button).ToBeVisibleAsync();
        await Expect(button).ToHaveTextAsync("Forget the admin token");
        inspector.AssertNoProblems(p => p.Contains(" 401", StringComparison.Ordinal) && p.Contains("/mock/", StringComparison.Ordinal)
            || p.Contains("401 (Unauthorized)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithNothingCaptured_TheListSaysSo_OnceItHasBeenRead()
    {
        await using var inspector = await InspectorPage.StartAsync(chromium.Browser);

        await inspector.OpenAsync();

        await Expect(inspector.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Expect(inspector.Page.Locator("#empty")).ToContainTextAsync("Nothing captured yet");
        inspector.AssertNoProblems();
    }
}
