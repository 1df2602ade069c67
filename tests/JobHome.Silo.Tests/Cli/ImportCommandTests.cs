using System.Net.Http.Json;
using System.Text.Json;
using JobHome.Demo;
using JobHome.Domain.People;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Cli;

/// <summary>
/// <c>jobhome import</c> end to end: the demo files of <c>jobhome demo --xinfeng</c> with two broken rows go into a real
/// silo; the broken rows land in the rejects file with their lines and columns, everything else is registered (the
/// county's indicators equal the generator's counts), and a second run finds every record already there.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"jobhome-import-test-{Guid.NewGuid():N}");

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Import_XinfengWithBrokenRows_LoadsTheRestRejectsThoseAndIsRepeatable()
    {
        var demo = Path.Combine(_root, "demo");
        var written = await CliProcess.RunAsync(Deadline, "demo", "--xinfeng", "--out", demo);
        Assert.True(written.Exit == 0, written.ToString());
        // Break two posts: one cell the command line cannot read, one value the server's rules refuse.
        var posts = File.ReadAllLines(Path.Combine(demo, "posts.csv"));
        var firstCells = posts[1].Split(',');
        var secondCells = posts[2].Split(',');
        firstCells[4] = "many";
        secondCells[3] = "9-99";
        posts[1] = string.Join(',', firstCells);
        posts[2] = string.Join(',', secondCells);
        File.WriteAllLines(Path.Combine(demo, "posts.csv"), posts);

        using var silo = SiloProcess.Start();
        await silo.WaitUntilReadyAsync();
        var url = silo.BaseAddress.ToString().TrimEnd('/');

        var first = await CliProcess.RunAsync(Deadline, "import", "--url", url, "--user", "admin", "--dir", demo);
        Assert.True(first.Exit == 0, first.ToString());
        var county = DemoGenerator.Xinfeng();
        Assert.Matches(@$"seekers\.csv\s+{county.Seekers.Count:N0}\s+{county.Seekers.Count:N0}\s+0\s+0", first.Output);
        Assert.Matches(@$"posts\.csv\s+{county.Posts.Count:N0}\s+{county.Posts.Count - 2:N0}\s+0\s+2", first.Output);

        var rejects = File.ReadAllLines(Path.Combine(demo, "rejects.csv"));
        Assert.Equal("file,line,column,value,reason", rejects[0]);
        Assert.Contains(rejects, line => line.StartsWith("posts.csv,2,openings,many,", StringComparison.Ordinal));
        Assert.Contains(rejects, line => line.StartsWith("posts.csv,3,occupation,9-99,", StringComparison.Ordinal));
        Assert.Equal(3, rejects.Length);

        var people = DemoPeople.Of(county, 1);
        var openings = county.Posts.Skip(2).Sum(p => p.Openings);
        var expected = (people.Count(p => p.Status == LabourStatus.Employed), people.Count(p => p.Status == LabourStatus.Unemployed),
            county.Posts.Count - 2, openings);
        Assert.Equal(expected, await SettledCountsAsync(silo, expected));

        var second = await CliProcess.RunAsync(Deadline, "import", "--url", url, "--user", "admin", "--dir", demo);
        Assert.True(second.Exit == 0, second.ToString());
        Assert.Matches(@$"seekers\.csv\s+{county.Seekers.Count:N0}\s+0\s+{county.Seekers.Count:N0}\s+0", second.Output);
        Assert.Equal(expected, await SettledCountsAsync(silo, expected));
    }

    [Fact]
    public async Task Import_MissingFile_ExitsTwoNamingIt()
    {
        var demo = Path.Combine(_root, "empty");
        Directory.CreateDirectory(demo);
        var result = await CliProcess.RunAsync(Deadline, "import", "--url", "http://127.0.0.1:9", "--dir", demo);
        Assert.Equal(2, result.Exit);
        Assert.Contains("sites.csv is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ServerDown_ExitsFourSayingSo()
    {
        var demo = Path.Combine(_root, "demo");
        Assert.Equal(0, (await CliProcess.RunAsync(Deadline, "demo", "--xinfeng", "--out", demo)).Exit);
        var result = await CliProcess.RunAsync(Deadline, "import", "--url", $"http://127.0.0.1:{FreePorts.Take(1)[0]}", "--dir", demo);
        Assert.Equal(4, result.Exit);
        Assert.Contains("cannot reach", result.Error, StringComparison.Ordinal);
    }

    private static async Task<(int, int, int, int)> SettledCountsAsync(SiloProcess silo, (int, int, int, int) expected)
    {
        // Indicators travel up the tiers asynchronously: poll with a deadline until they show the expected counts.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = default((int, int, int, int));
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var body = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/indicators/360722", UriKind.Relative));
            last = (body.GetProperty("employed").GetInt32(), body.GetProperty("unemployed").GetInt32(),
                body.GetProperty("openPosts").GetInt32(), body.GetProperty("openings").GetInt32());
            if (last == expected)
            {
                return last;
            }
            await Task.Delay(250);
        }
        return last;
    }
}
