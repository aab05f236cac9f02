using System.Net;
using Beacon.MockServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Beacon.MockServer.Tests.Features.Inspector;

/// <summary>
/// The mock served by Kestrel on a loopback port, and the inspector open on it in a fresh browser context. Records
/// everything that went wrong on the page: script errors, console errors, requests that failed or were refused.
/// </summary>
internal sealed class InspectorPage : IAsyncDisposable
{
    private readonly List<string> _problems = [];
    private IBrowserContext _context = null!;

    private InspectorPage(BeaconApplication app) => App = app;

    public BeaconApplication App { get; }

    /// <summary>A client of the same server, for the requests a deployment would send.</summary>
    public HttpClient Client { get; private set; } = null!;

    public IPage Page { get; private set; } = null!;

    /// <summary>The problems recorded so far, each one line.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
                return [.. _problems];
        }
    }

    /// <summary>Starts the mock with these settings and opens a page (not yet pointed at the inspector).</summary>
    public static async Task<InspectorPage> StartAsync(IBrowser browser, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new BeaconApplication(settings);
        // Kestrel's own endpoint rather than UseKestrel(0), for the reason OtlpSdkExporterTests gives.
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var inspector = new InspectorPage(app) { Client = app.CreateClient() };
        inspector._context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = inspector.Client.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = ColorScheme.Light,
        });
        inspector.Page = await inspector._context.NewPageAsync();
        inspector.Watch(inspector.Page);
        return inspector;
    }

    /// <summary>Opens the inspector and waits until its list is following the stream.</summary>
    public async Task OpenAsync()
    {
        var response = await Page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        // The server's side of it: the page's stream is subscribed, so what is sent now arrives through it.
        await App.Store().WhenWaitersAsync(n => n >= 1);
    }

    /// <summary>Fails when anything went wrong on the page; <paramref name="allowed"/> says which problems were expected.</summary>
    public void AssertNoProblems(Func<string, bool>? allowed = null)
    {
        var problems = Problems.Where(p => allowed is null || !allowed(p)).ToList();
        Assert.True(problems.Count == 0, $"the page had {problems.Count} problems:\n{string.Join('\n', problems)}");
    }

    public async ValueTask DisposeAsync()
    {
        // The page first: it holds a stream open, which the server would otherwise wait for as it stops.
        await _context.CloseAsync();
        Client.Dispose();
        await App.DisposeAsync();
    }

    private void Watch(IPage page)
    {
        page.PageError += (_, error) => Add($"script error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                Add($"console {message.Type}: {message.Text}");
        };
        page.RequestFailed += (_, request) => Add($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                Add($"response {response.Status}: {response.Request.Method} {response.Url}");
        };
    }

    private void Add(string problem)
    {
        lock (_problems)
            _problems.Add(problem);
    }
}
