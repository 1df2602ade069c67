using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using JobHome.Demo;
using JobHome.Domain.People;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Demo;

/// <summary>
/// The demo on first start, with real silo processes: an empty data folder ends up holding Xinfeng exactly (the county's
/// indicators equal the demo's own counts), a second start does not load it again, and a start after a SIGKILL in the
/// middle of the load finishes it without duplicates.
/// </summary>
public sealed class DemoStartTests : IDisposable
{
    private const string XinfengCode = "360722";
    private static readonly TimeSpan LoadDeadline = TimeSpan.FromSeconds(240);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"jobhome-demo-test-{Guid.NewGuid():N}");

    private string Data => Path.Combine(_root, "data");

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Start_EmptyDataFolder_LoadsXinfengOnceAndRestartKeepsCounts()
    {
        var expected = ExpectedCounts();
        using (var first = SiloProcess.StartIn(Data, demo: true))
        {
            await first.WaitUntilReadyAsync();
            await WaitForMarkerAsync(first, "done");
            Assert.Equal(expected, await CountsAsync(first));
            first.Signal("TERM");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        using var second = SiloProcess.StartIn(Data, demo: true);
        await second.WaitUntilReadyAsync();
        Assert.Equal(expected, await CountsAsync(second));
        await WaitForLogAsync(second, "Demo: not loaded (already loaded into this database)");
        Assert.DoesNotContain("Demo: loading", second.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AfterKillDuringLoad_ResumesWithoutDuplicates()
    {
        var expected = ExpectedCounts();
        using (var first = SiloProcess.StartIn(Data, demo: true))
        {
            await first.WaitUntilReadyAsync();
            await WaitForLogAsync(first, "Demo: seekers 1000/");
            first.Signal("KILL");
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal("loading", File.ReadAllText(Path.Combine(Data, "demo-state")).Trim());

        using var second = SiloProcess.StartIn(Data, demo: true);
        await second.WaitUntilReadyAsync();
        await WaitForMarkerAsync(second, "done");
        Assert.Contains("(resuming)", second.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(expected, await CountsAsync(second));
    }

    [Fact]
    public async Task Start_NoDemoFlag_StaysEmptyAndLaterStartsDoNotLoad()
    {
        using (var first = SiloProcess.StartIn(Data, demo: false))
        {
            await first.WaitUntilReadyAsync();
            await WaitForLogAsync(first, "Demo: not loaded (--no-demo)");
            first.Signal("TERM");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        using var second = SiloProcess.StartIn(Data, demo: true);
        await second.WaitUntilReadyAsync();
        await WaitForLogAsync(second, "Demo: not loaded (the database existed before this start)");
        using var response = await second.Http.GetAsync(new Uri($"/api/sites/{DemoGenerator.ProvinceCode}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Xinfeng's counts computed from the generator itself (not from the silo).</summary>
    private static Counts ExpectedCounts()
    {
        var county = DemoGenerator.Xinfeng();
        var people = DemoPeople.Of(county, 1);
        return new Counts(
            people.Count(p => p.Status == LabourStatus.Employed),
            people.Count(p => p.Status == LabourStatus.Unemployed),
            county.Posts.Count,
            county.Posts.Sum(p => p.Openings),
            0);
    }

    private static async Task<Counts> CountsAsync(SiloProcess silo)
    {
        // Aggregates are eventually consistent (events travel up the tiers): poll until two reads a moment apart agree
        // and the seekers are all counted, within the deadline.
        var expected = ExpectedCounts();
        var clock = Stopwatch.StartNew();
        Counts last = default;
        while (clock.Elapsed < LoadDeadline)
        {
            // Xinfeng (信丰县, 360722) is the whole demo, so its county and the province must both show the demo's counts.
            last = await ReadAsync(silo, XinfengCode);
            if (last == expected && await ReadAsync(silo, DemoGenerator.ProvinceCode) == expected)
            {
                return last;
            }
            await Task.Delay(500);
        }
        return last;
    }

    private static async Task<Counts> ReadAsync(SiloProcess silo, string code)
    {
        using var response = await silo.Http.GetAsync(new Uri($"/api/indicators/{code}", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return default;
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Counts(body.GetProperty("employed").GetInt32(), body.GetProperty("unemployed").GetInt32(),
            body.GetProperty("openPosts").GetInt32(), body.GetProperty("openings").GetInt32(), body.GetProperty("placements").GetInt32());
    }

    private async Task WaitForMarkerAsync(SiloProcess silo, string state)
    {
        var marker = Path.Combine(Data, "demo-state");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < LoadDeadline)
        {
            if (File.Exists(marker) && File.ReadAllText(marker).Trim() == state)
            {
                return;
            }
            await Task.Delay(250);
        }
        Assert.Fail($"demo-state never became '{state}' within {LoadDeadline.TotalSeconds} s.\n{silo.Describe()}");
    }

    private static async Task WaitForLogAsync(SiloProcess silo, string text)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < LoadDeadline)
        {
            if (silo.StandardOutput.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"the log never said '{text}' within {LoadDeadline.TotalSeconds} s.\n{silo.Describe()}");
    }

    private readonly record struct Counts(int Employed, int Unemployed, int OpenPosts, int Openings, int Placements);
}
