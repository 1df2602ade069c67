using Microsoft.Playwright;

namespace JobHome.Benchmarks.Dashboard;

/// <summary>
/// The demo silo (<see cref="DemoSilo"/>), Debian's Chromium driven by Playwright (never a downloaded browser) and one
/// browser context signed in as admin, whose pages share its cookies and HTTP cache like an operator's tabs.
/// </summary>
internal sealed class DashboardSession : IAsyncDisposable
{
    /// <summary>Debian's Chromium (package <c>chromium</c>).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan SignInDeadline = TimeSpan.FromMinutes(1);

    private readonly DemoSilo _silo;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private DashboardSession(DemoSilo silo, IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _silo = silo;
        _playwright = playwright;
        _browser = browser;
        _context = context;
    }

    /// <summary>Starts the silo on the demo, checks it serves the dashboard, launches Chromium and signs in once.</summary>
    public static async Task<DashboardSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium); "
                + "no browser is downloaded.");
        }

        var silo = await DemoSilo.StartAsync();
        IPlaywright? playwright = null;
        IBrowser? browser = null;
        try
        {
            await RequireDashboardAsync(silo);
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = silo.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            });
            await SignInAsync(context, silo);
            return new DashboardSession(silo, playwright, browser, context);
        }
        catch
        {
            if (browser is not null)
            {
                await browser.CloseAsync();
            }

            playwright?.Dispose();
            silo.Dispose();
            throw;
        }
    }

    /// <summary>A new tab in the signed-in context.</summary>
    public Task<IPage> NewPageAsync() => _context.NewPageAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _browser.CloseAsync();
            _playwright.Dispose();
        }
        finally
        {
            _silo.Dispose();
        }
    }

    private static async Task RequireDashboardAsync(DemoSilo silo)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !text.Contains("<script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The silo does not serve the dashboard (GET / answered {(int)response.StatusCode}): it was built without the web assets "
                + $"(-p:JobHomeSkipWeb=true, or Node.js/npm missing). Rebuild benchmarks/JobHome.Benchmarks with them.\n{text}");
        }
    }

    private static async Task SignInAsync(IBrowserContext context, DemoSilo silo)
    {
        // The admin account is created just after the silo starts serving: a 401 is retried until the deadline.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var last = "no answer yet";
        while (watch.Elapsed < SignInDeadline)
        {
            var login = await context.APIRequest.PostAsync("/api/auth/login",
                new() { DataObject = new { username = "admin", password = silo.AdminPassword } });
            if (login.Ok)
            {
                return;
            }

            last = $"{login.Status} {await login.TextAsync()}";
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new InvalidOperationException($"Sign-in as admin failed for {SignInDeadline}: {last}\n{silo.Output}");
    }
}
