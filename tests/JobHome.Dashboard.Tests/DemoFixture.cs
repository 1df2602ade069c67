using System.Diagnostics;
using JobHome.Silo.Tests.Fixtures;
using Microsoft.Playwright;

namespace JobHome.Dashboard.Tests;

/// <summary>
/// The real silo on an empty data folder with the demo load on first start (Xinfeng County, the newcomer's first
/// view), waited for until its "loaded" log line, and Chromium on it.
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    /// <summary>How long the demo may take to load (about 35 s measured on a loaded 2-core machine).</summary>
    public static readonly TimeSpan LoadDeadline = TimeSpan.FromMinutes(4);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"jobhome-dashboard-demo-{Guid.NewGuid():N}");
    private SiloProcess? _silo;
    private Browser? _browser;

    /// <summary>A signed-in API client.</summary>
    internal TestNetwork Api { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = SiloProcess.StartIn(Path.Combine(_root, "data"), demo: true);
        try
        {
            await _silo.WaitUntilReadyAsync();
            var watch = Stopwatch.StartNew();
            while (!_silo.StandardOutput.Contains("Demo: Xinfeng County loaded", StringComparison.Ordinal))
            {
                if (watch.Elapsed > LoadDeadline)
                {
                    throw new TimeoutException($"the demo did not load within {LoadDeadline}.\n{_silo.Describe()}");
                }

                await Task.Delay(250);
            }

            Api = await TestNetwork.SignInAsync(_silo.BaseAddress, Browser.AdminUser, Browser.AdminPassword);
            await Api.WarmAsync(DemoDashboardTests.Province);
            await Api.WarmAsync(DemoDashboardTests.County);
            _browser = await Browser.LaunchAsync(_silo.BaseAddress);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new page (see <see cref="Browser.NewPageAsync"/>).</summary>
    public Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1366, int height = 768) =>
        (_browser ?? throw new InvalidOperationException("The browser has not started.")).NewPageAsync(width, height);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        Api?.Dispose();
        _silo?.Dispose();
        _silo = null;
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
