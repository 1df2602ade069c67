using JobHome.Cli.Tests.Support;

namespace JobHome.Cli.Tests.Simulate;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Simulate_Xinfeng_PrintsTheFourMeasuresAndIsRepeatable()
    {
        var demo = await _cli.RunAsync(null, "demo", "--xinfeng", "--out", _cli.PathOf("demo"));
        Assert.True(demo.Exit == 0, demo.All);
        string[] args = ["simulate", "--seekers", _cli.PathOf("demo/seekers.csv"), "--posts", _cli.PathOf("demo/posts.csv"),
            "--as-of", "2025-01-01", "--rounds", "3", "--list", "8"];

        var first = await _cli.RunAsync(null, args);
        var second = await _cli.RunAsync(null, args);

        Assert.True(first.Exit == 0, first.All);
        Assert.Contains("placements (就业人数)", first.Output, StringComparison.Ordinal);
        Assert.Contains("mean score of placed pairs", first.Output, StringComparison.Ordinal);
        Assert.Contains("posts without applicant", first.Output, StringComparison.Ordinal);
        Assert.Contains("Gini of applications per opening", first.Output, StringComparison.Ordinal);
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Simulate_AwareLists_NamesTheListsAndIsRepeatable()
    {
        var demo = await _cli.RunAsync(null, "demo", "--xinfeng", "--out", _cli.PathOf("demo"));
        Assert.True(demo.Exit == 0, demo.All);
        string[] args = ["simulate", "--seekers", _cli.PathOf("demo/seekers.csv"), "--posts", _cli.PathOf("demo/posts.csv"),
            "--as-of", "2025-01-01", "--rounds", "2", "--lists", "aware"];

        var first = await _cli.RunAsync(null, args);
        var second = await _cli.RunAsync(null, args);
        var byDefault = await _cli.RunAsync(null, args[..^2]);
        var plain = await _cli.RunAsync(null, [.. args[..^1], "plain"]);

        Assert.True(first.Exit == 0, first.All);
        Assert.Contains("congestion-aware top-10 (竞争感知, depth 50, λ 0, μ 0.5, ν 1) lists", first.Output, StringComparison.Ordinal);
        Assert.Contains("plain top-10 (普通) lists", plain.Output, StringComparison.Ordinal);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(first.Output, byDefault.Output);
        Assert.NotEqual(first.Output, plain.Output);
    }

    [Fact]
    public async Task Simulate_UnknownLists_IsUsageError()
    {
        var result = await _cli.RunAsync(null, "simulate", "--seekers", "s.csv", "--posts", "p.csv", "--lists", "best");
        Assert.Equal(1, result.Exit);
        Assert.Contains("best", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ZeroRounds_IsUsageError()
    {
        var result = await _cli.RunAsync(null, "simulate", "--seekers", "s.csv", "--posts", "p.csv", "--rounds", "0");
        Assert.Equal(1, result.Exit);
        Assert.Contains("--rounds must be between 1 and 100", result.All, StringComparison.Ordinal);
    }
}
