using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using JobHome.Silo.Tests.Cli;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Import;

/// <summary>
/// <c>jobhome import</c> killed mid-way: the rejects of the batches it finished are already in the rejects file (written
/// as they come, not at the end), and running the same command again finishes the load (what was stored is existing).
/// </summary>
public sealed partial class ImportInterruptTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"jobhome-import-kill-{Guid.NewGuid():N}");

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Import_KilledMidway_RejectsSoFarAreInTheFileAndARerunFinishes()
    {
        var demo = Path.Combine(_root, "demo");
        Assert.Equal(0, (await CliProcess.RunAsync(Deadline, "demo", "--xinfeng", "--out", demo)).Exit);
        // The first two seekers broken: one cell the command line cannot read, one value the server refuses.
        var seekers = File.ReadAllLines(Path.Combine(demo, "seekers.csv"));
        var first = seekers[1].Split(',');
        var second = seekers[2].Split(',');
        first[7] = "lots";
        second[3] = "Q";
        (seekers[1], seekers[2]) = (string.Join(',', first), string.Join(',', second));
        File.WriteAllLines(Path.Combine(demo, "seekers.csv"), seekers);
        var rows = seekers.Length - 1;

        using var silo = SiloProcess.Start();
        await silo.WaitUntilReadyAsync();
        var url = silo.BaseAddress.ToString().TrimEnd('/');
        var rejects = Path.Combine(_root, "rejects.csv");

        // One record per request, so the seekers phase lasts long enough to be cut.
        using (var import = StartCli("import", "--url", url, "--user", "admin", "--dir", demo, "--rejects", rejects, "--batch", "1",
            "--parallel", "1"))
        {
            var clock = Stopwatch.StartNew();
            while (RejectLines(rejects).Count(l => l.StartsWith("seekers.csv,", StringComparison.Ordinal)) < 2)
            {
                Assert.True(clock.Elapsed < Deadline, "the rejects of the first seekers never reached the file");
                Assert.False(import.HasExited, $"import ended (exit {(import.HasExited ? import.ExitCode : 0)}) before it was killed");
                await Task.Delay(100);
            }
            // The second reject is written when the answer to the request before it came, so a seeker may not be stored
            // yet: the kill waits until the first good row's seeker (line 4) is found in the province.
            var province = File.ReadAllLines(Path.Combine(demo, "sites.csv"))[1].Split(',')[0];
            var firstGood = seekers[3].Split(',')[1];
            while (!await FoundAsync(silo, province, firstGood))
            {
                Assert.True(clock.Elapsed < Deadline, "the first good seeker (line 4) was never stored");
                Assert.False(import.HasExited, $"import ended (exit {(import.HasExited ? import.ExitCode : 0)}) before it was killed");
                await Task.Delay(100);
            }
            Assert.False(import.HasExited, "import ended before it was killed: nothing was interrupted");
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync();
        }

        var written = RejectLines(rejects);
        Assert.Equal("file,line,column,value,reason", written[0]);
        Assert.Contains(written, l => l.StartsWith("seekers.csv,2,expected_pay_min,lots,", StringComparison.Ordinal));
        Assert.Contains(written, l => l.StartsWith("seekers.csv,3,gender,Q,", StringComparison.Ordinal));

        var again = await CliProcess.RunAsync(Deadline, "import", "--url", url, "--user", "admin", "--dir", demo, "--rejects", rejects);
        Assert.True(again.Exit == 0, again.ToString());
        var totals = SeekerTotals().Match(again.Output);
        Assert.True(totals.Success, again.Output);
        var (created, existing, rejected) = (Count(totals, "created"), Count(totals, "existing"), Count(totals, "rejected"));
        Assert.Equal(rows - 2, created + existing);
        Assert.Equal(2, rejected);
        Assert.True(existing > 0, $"nothing was stored before the kill: {again.Output}");
        Assert.True(created > 0, $"the first run was not cut before the end of the seekers: {again.Output}");
        // The re-run writes the file anew: the broken seekers refused again, no other seeker; their household now too.
        var rerun = RejectLines(rejects);
        Assert.Subset(rerun.ToHashSet(StringComparer.Ordinal), written.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(2, rerun.Count(l => l.StartsWith("seekers.csv,", StringComparison.Ordinal)));
        Assert.All(rerun.Skip(1).Where(l => !l.StartsWith("seekers.csv,", StringComparison.Ordinal)),
            l => Assert.Matches(@"^households\.csv,\d+,members,(S360722000001|S360722000002),", l));
    }

    // True when a name search (POST, so the name stays out of the URL) finds a seeker in the subtree of siteCode.
    private static async Task<bool> FoundAsync(SiloProcess silo, string siteCode, string name)
    {
        using var response = await silo.Http.PostAsJsonAsync(new Uri("/api/seekers/search", UriKind.Relative),
            new { siteCode, q = name });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"search: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("total").GetInt32() > 0;
    }

    private static int Count(Match match, string group) =>
        int.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string[] RejectLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        // Read while the writer holds the file open (it shares reading).
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Process StartCli(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment.Remove("JOBHOME_TOKEN");
        info.Environment["JOBHOME_PASSWORD"] = SiloProcess.AdminPassword;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "jobhome.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start jobhome");
        // Drain both outputs so a full pipe never blocks the child.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [GeneratedRegex(@"seekers\.csv\s+(?<rows>[\d,]+)\s+(?<created>[\d,]+)\s+(?<existing>[\d,]+)\s+(?<rejected>[\d,]+)")]
    private static partial Regex SeekerTotals();
}
