using System.Globalization;
using System.Text.RegularExpressions;
using JobHome.Silo.Tests.Cli;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Import;

/// <summary>
/// <c>jobhome probe post-lists</c> on a small silo (Xinfeng bulk-imported): it registers the seekers asked for, reads each
/// one's post list and prints the quantiles; the seekers are really registered (the site's unemployed count grows by them).
/// </summary>
public sealed partial class ProbeCommandTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"jobhome-probe-test-{Guid.NewGuid():N}");

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ProbePostLists_SmallSilo_RegistersEachSeekerAndPrintsQuantiles()
    {
        var demo = Path.Combine(_root, "demo");
        Assert.Equal(0, (await CliProcess.RunAsync(Deadline, "demo", "--xinfeng", "--out", demo)).Exit);
        using var silo = SiloProcess.Start();
        await silo.WaitUntilReadyAsync();
        var url = silo.BaseAddress.ToString().TrimEnd('/');
        var imported = await CliProcess.RunAsync(Deadline, "import", "--url", url, "--user", "admin", "--dir", demo);
        Assert.True(imported.Exit == 0, imported.ToString());

        var probe = await CliProcess.RunAsync(Deadline, "probe", "post-lists", "--url", url, "--user", "admin", "--site", "360722101",
            "--count", "25", "--seed", "7");
        Assert.True(probe.Exit == 0, probe.ToString());
        var summary = Summary().Match(probe.Output);
        Assert.True(summary.Success, probe.Output);
        Assert.Equal(25, int.Parse(summary.Groups["n"].Value, CultureInfo.InvariantCulture));
        Assert.True(int.Parse(summary.Groups["posts"].Value, CultureInfo.InvariantCulture) > 0, probe.Output);
        var ready = ReadyLine().Match(probe.Output);
        Assert.True(ready.Success, probe.Output);
        var p50 = double.Parse(ready.Groups["p50"].Value, CultureInfo.InvariantCulture);
        var p99 = double.Parse(ready.Groups["p99"].Value, CultureInfo.InvariantCulture);
        Assert.True(p50 > 0 && p50 <= p99, probe.Output);

        // The probe's seekers are real registrations at the site.
        var search = await silo.Http.GetStringAsync(new Uri("/api/seekers?siteCode=360722101&q=测试", UriKind.Relative));
        Assert.Contains("\"total\":25", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbePostLists_CountOutOfRange_ExitsOneNamingTheOption()
    {
        var result = await CliProcess.RunAsync(Deadline, "probe", "post-lists", "--url", "http://127.0.0.1:9", "--count", "0");
        Assert.Equal(1, result.Exit);
        Assert.Contains("--count must be between 1 and 100000, got 0", result.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"seekers (?<n>[\d,]+) \(with posts: (?<posts>[\d,]+);")]
    private static partial Regex Summary();

    [GeneratedRegex(@"register → list read\s+(?<p50>[\d.]+)\s+(?<p90>[\d.]+)\s+(?<p99>[\d.]+)\s+(?<max>[\d.]+)")]
    private static partial Regex ReadyLine();
}
