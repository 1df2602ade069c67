using JobHome.Silo.Tests.Fixtures;
using Microsoft.Playwright;

namespace JobHome.Dashboard.Tests;

/// <summary>Debian's Chromium driven by Playwright (never a downloaded browser), and signed-in pages on one silo.</summary>
internal sealed class Browser : IAsyncDisposable
{
    /// <summary>Debian's Chromium, installed by ./test.sh when missing.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The admin account.</summary>
    public const string AdminUser = "admin";

    /// <summary>The admin password every test silo starts with (<see cref="SiloProcess.AdminPassword"/>).</summary>
    public const string AdminPassword = SiloProcess.AdminPassword;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _baseAddress;

    private Browser(IPlaywright playwright, IBrowser browser, Uri baseAddress)
    {
        _playwright = playwright;
        _browser = browser;
        _baseAddress = baseAddress;
    }

    /// <summary>Folder of the screenshots (the test output folder).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");


    /// <summary>Launches Chromium for pages on the silo at <paramref name="baseAddress"/>.</summary>
    public static async Task<Browser> LaunchAsync(Uri baseAddress)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./test.sh does).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            return new Browser(playwright, browser, baseAddress);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A new page at 1366×768 (the office screen), signed in as admin through <c>POST /api/auth/login</c> unless
    /// <paramref name="signedIn"/> is false, that records console errors and uncaught exceptions.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1366, int height = 768, bool signedIn = true)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        if (signedIn)
        {
            var login = await context.APIRequest.PostAsync("/api/auth/login",
                new() { DataObject = new { username = AdminUser, password = AdminPassword } });
            if (!login.Ok)
            {
                throw new InvalidOperationException($"sign-in failed: {login.Status} {await login.TextAsync()}");
            }
        }

        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add($"page error: {error}");
            }
        };
        return (page, errors);
    }

    /// <summary>
    /// Milliseconds from navigation start to the page's first complete view (the <c>jobhome:ready</c> performance mark
    /// main.ts sets once tiles and charts are in): the browser's own clock, without the driver's round trips.
    /// </summary>
    public static Task<double> ReadyMillisecondsAsync(IPage page) =>
        page.EvaluateAsync<double>("() => performance.getEntriesByName('jobhome:ready')[0]?.startTime ?? Number.POSITIVE_INFINITY");

    /// <summary>Matches the page URL of site <paramref name="code"/>.</summary>
    public static System.Text.RegularExpressions.Regex SiteUrl(string code) =>
        new($"/site/{System.Text.RegularExpressions.Regex.Escape(code)}$");

    /// <summary>Saves a full-page screenshot as <c>screenshots/{name}.png</c> in the test output folder.</summary>
    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
