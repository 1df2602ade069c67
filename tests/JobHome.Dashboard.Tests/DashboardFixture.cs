using JobHome.Silo.Tests.Fixtures;
using Microsoft.Playwright;

namespace JobHome.Dashboard.Tests;

/// <summary>
/// The real silo as a child process (<c>--no-demo</c>) with <see cref="TestNetwork"/> loaded through its API, and
/// Debian's Chromium driven by Playwright.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private SiloProcess? _silo;
    private Browser? _browser;

    /// <summary>Where the silo serves HTTP.</summary>
    public Uri BaseAddress => (_silo ?? throw new InvalidOperationException("The silo has not started.")).BaseAddress;

    /// <summary>The network loaded into the silo.</summary>
    internal TestNetwork Network { get; private set; } = null!;

    /// <summary>Folder of the screenshots (the test output folder).</summary>
    public string ScreenshotDirectory => Browser.ScreenshotDirectory;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start();
        try
        {
            await _silo.WaitUntilReadyAsync();
            Network = await TestNetwork.SignInAsync(_silo.BaseAddress, Browser.AdminUser, Browser.AdminPassword);
            await Network.LoadAsync();
            await Network.WarmAsync(TestNetwork.Province);
            await Network.WarmAsync(TestNetwork.County);
            _browser = await Browser.LaunchAsync(_silo.BaseAddress);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new page (see <see cref="Browser.NewPageAsync"/>).</summary>
    public Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1366, int height = 768, bool signedIn = true) =>
        (_browser ?? throw new InvalidOperationException("The browser has not started.")).NewPageAsync(width, height, signedIn);

    /// <summary>Saves a full-page screenshot as <c>screenshots/{name}.png</c> in the test output folder.</summary>
    public Task ScreenshotAsync(IPage page, string name) => Browser.ScreenshotAsync(page, name);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        Network?.Dispose();
        _silo?.Dispose();
        _silo = null;
    }
}
