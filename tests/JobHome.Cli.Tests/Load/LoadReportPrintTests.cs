using JobHome.Cli.Load;

namespace JobHome.Cli.Tests.Load;

public sealed class LoadReportPrintTests
{
    [Fact]
    public void Print_WithSiloCpu_ShowsBothProcessesPerChange()
    {
        var report = Report() with { ClientCpu = TimeSpan.FromSeconds(2), SiloCpu = TimeSpan.FromSeconds(20) };
        using var output = new StringWriter();

        LoadCommand.Print(report, "360000", output);

        var text = output.ToString();
        // 10,000 changes succeeded: 2 s → 0.2 ms, 20 s → 2 ms per change.
        Assert.Contains("client CPU               2.00 s, 0.200 ms per change (this process, timed run)", text, StringComparison.Ordinal);
        Assert.Contains("silo CPU                 20.00 s, 2.000 ms per change (--silo-pid, timed run)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_WithoutSiloPid_ShowsOnlyTheClient()
    {
        var report = Report() with { ClientCpu = TimeSpan.FromMilliseconds(1500) };
        using var output = new StringWriter();

        LoadCommand.Print(report, "360000", output);

        var text = output.ToString();
        Assert.Contains("client CPU               1.50 s, 0.150 ms per change", text, StringComparison.Ordinal);
        Assert.DoesNotContain("silo CPU", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_NoChangeSucceeded_ShowsZeroPerChangeInsteadOfDividingByZero()
    {
        var report = new LoadReport(30, 5000, new Dictionary<string, long>(), new Dictionary<string, long> { ["registration 500"] = 3 },
            0, 0, 0, [], 0) { ClientCpu = TimeSpan.FromSeconds(1), SiloCpu = TimeSpan.FromSeconds(4) };
        using var output = new StringWriter();

        LoadCommand.Print(report, "360000", output);

        Assert.Contains("silo CPU                 4.00 s, 0.000 ms per change", output.ToString(), StringComparison.Ordinal);
    }

    private static LoadReport Report() => new(
        30.5, 5000,
        new Dictionary<string, long> { ["registration"] = 4000, ["post"] = 1000, ["placement"] = 4000, ["end"] = 1000 },
        new Dictionary<string, long>(), 12, 100, 4100, [10, 20, 30], 0);
}
