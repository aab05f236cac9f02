using Microsoft.Playwright;

namespace Beacon.MockServer.Tests.Features.Inspector;

/// <summary>
/// One headless Chromium for a test class, driven by Playwright. The browser is Debian's (<c>apt-get install chromium</c>),
/// not one Playwright downloads: that download needs a host this machine cannot reach, and so does Chromium itself
/// unless told not to try (the flags below). Missing, it fails the tests with how to install it, rather than skip them.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutableVariable = "BEACON_CHROMIUM";
    private const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } set ? set : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"The inspector's browser tests need Chromium at {executable} (or at the path {ExecutableVariable} names). "
                + "Install it with: apt-get update && apt-get install -y --no-install-recommends chromium");
        }
        // Auto-waiting assertions: generous for a shared 2-core machine, and never slept on when the page is quick.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        // Playwright gives each launch a fresh, temporary user data directory of its own (and refuses --user-data-dir).
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
