using BenchmarkDotNet.Attributes;
using Microsoft.Playwright;

namespace JobHome.Benchmarks.Dashboard;

/// <summary>
/// The operators' dashboard on the silo's own demo (Xinfeng County), as an operator opens it: a new tab of a signed-in
/// browser navigates to a site page and the page sets its <c>jobhome:ready</c> mark (tiles and children chart in).
/// BenchmarkDotNet times the whole navigation, the wall time the operator waits (plus Playwright's few loopback round
/// trips); <see cref="ReadyMarkColumn"/> adds the browser's own mark. Target: county page ready &lt; 2 s on the demo.
/// </summary>
/// <remarks>
/// Each benchmark starts its own silo on a fresh folder (about a minute on a loaded machine for the demo load). Needs
/// Debian's <c>/usr/bin/chromium</c> and a silo built with its web assets; fails at setup when either is missing.
/// </remarks>
[Config(typeof(DashboardPageConfig))]
public class DashboardPageBenchmarks
{
    /// <summary>The demo's county (信丰县).</summary>
    public const string County = "360722";

    /// <summary>The demo's province (江西省).</summary>
    public const string Province = "360000";

    private static readonly float Timeout = (float)TimeSpan.FromMinutes(1).TotalMilliseconds;

    private DashboardSession? _session;
    private IPage? _page;

    /// <summary>Starts the silo on the demo and Chromium, signed in.</summary>
    [GlobalSetup]
    public void Setup() => _session = DashboardSession.StartAsync().GetAwaiter().GetResult();

    /// <summary>A fresh tab for the next load (not timed).</summary>
    [IterationSetup]
    public void OpenTab() => _page = Session.NewPageAsync().GetAwaiter().GetResult();

    /// <summary>The county page 360722 until ready; returns the browser's mark in ms.</summary>
    [Benchmark]
    public Task<double> CountyPage() => LoadAsync(County, nameof(CountyPage));

    /// <summary>The province page 360000 until ready; returns the browser's mark in ms.</summary>
    [Benchmark]
    public Task<double> ProvincePage() => LoadAsync(Province, nameof(ProvincePage));

    /// <summary>Closes the tab (not timed).</summary>
    [IterationCleanup]
    public void CloseTab()
    {
        _page?.CloseAsync().GetAwaiter().GetResult();
        _page = null;
    }

    /// <summary>Stops Chromium and the silo and deletes its folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _session = null;
    }

    private DashboardSession Session => _session ?? throw new InvalidOperationException("The dashboard session has not started.");

    private async Task<double> LoadAsync(string code, string method)
    {
        var page = _page ?? throw new InvalidOperationException("No tab was opened for this iteration.");
        await page.GotoAsync($"/site/{code}", new() { WaitUntil = WaitUntilState.Commit, Timeout = Timeout });
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('jobhome:ready').length > 0", null,
            new() { Timeout = Timeout });

        // The mark is also set after a failed render (an error view): only a page with its tiles and chart counts.
        var ready = await page.EvaluateAsync<double>(
            """
            () => document.querySelector('.tile[data-indicator=employmentRate][data-value]') && document.querySelector('#children canvas')
                ? performance.getEntriesByName('jobhome:ready')[0].startTime
                : -1
            """);
        if (ready < 0)
        {
            var shown = await page.Locator("main").InnerTextAsync();
            throw new InvalidOperationException($"/site/{code} set its ready mark without its tiles and children chart:\n{shown}");
        }

        ReadyMarks.Add(method, ready);
        return ready;
    }
}
