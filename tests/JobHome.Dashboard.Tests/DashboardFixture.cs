using JobHome.Silo.Tests.Fixtures;
using Microsoft.Playwright;

namespace JobHome.Dashboard.Tests;

/// <summary>
/// The real silo as a child process with <see cref="TestNetwork"/> loaded through its API, and Debian's Chromium
/// driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium, installed by ./test.sh when missing.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The admin account (JobHome:AdminPassword, chosen on the first start).</summary>
    public const string AdminUser = "admin";

    /// <summary>The admin password given to the silo on its first start.</summary>
    public const string AdminPassword = "Dashboard-tests-2026!";

    private SiloProcess? _silo;
    private IPlaywright? _playwright;

    /// <summary>Where the silo serves HTTP.</summary>
    public Uri BaseAddress => Silo.BaseAddress;

    /// <summary>The network loaded into the silo.</summary>
    internal TestNetwork Network { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Folder of the screenshots (the test output folder).</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    internal SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./test.sh does).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["JobHome__AdminPassword"] = AdminPassword,
            // A configured signing key (as for several silos): the generated one is loaded only once the silo is active.
            ["JobHome__Security__SigningKeys__0"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        try
        {
            await _silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            Network = await TestNetwork.SignInAsync(_silo.BaseAddress, AdminUser, AdminPassword);
            await Network.LoadAsync();
            await Network.WarmAsync(TestNetwork.Province);
            await Network.WarmAsync(TestNetwork.County);
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new page at 1366×768 (the office screen), signed in as admin through <c>POST /api/auth/login</c> unless
    /// <paramref name="signedIn"/> is false, that records console errors and uncaught exceptions.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1366, int height = 768, bool signedIn = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
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

    /// <summary>Saves a full-page screenshot as <c>screenshots/{name}.png</c> in the test output folder.</summary>
    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Network?.Dispose();
        _silo?.Dispose();
        _silo = null;
    }
}
