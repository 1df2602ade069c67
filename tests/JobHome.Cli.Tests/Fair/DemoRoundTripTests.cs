using JobHome.Cli.Tests.Support;

namespace JobHome.Cli.Tests.Fair;

/// <summary><c>jobhome demo --xinfeng</c> output goes straight into <c>fair match</c> with the real engine.</summary>
public sealed class DemoRoundTripTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Match_XinfengDemoOutput_PlacesSeekers()
    {
        var demo = await _cli.RunAsync(null, "demo", "--xinfeng", "--out", _cli.PathOf("demo"));
        Assert.True(demo.Exit == 0, demo.All);

        var result = await _cli.RunAsync(null, "fair", "match", "--seekers", _cli.PathOf("demo/seekers.csv"), "--posts", _cli.PathOf("demo/posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--pairs-out", _cli.PathOf("out/pairs.csv"), "--recommendations-out", _cli.PathOf("out/recs.csv"), "--as-of", "2026-11-01");

        Assert.True(result.Exit == 0, result.All);
        var assigned = File.ReadAllLines(_cli.PathOf("out/a.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(assigned);
        var postIds = File.ReadAllLines(_cli.PathOf("demo/posts.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(assigned, a => Assert.Contains(a[1], postIds));
        var names = File.ReadAllLines(_cli.PathOf("demo/seekers.csv")).Skip(1).Select(l => l.Split(',')[1]).Take(50).ToList();
        foreach (var file in new[] { "out/a.csv", "out/pairs.csv", "out/recs.csv" })
        {
            var text = File.ReadAllText(_cli.PathOf(file));
            Assert.All(names, n => Assert.DoesNotContain(n, text, StringComparison.Ordinal));
        }
        Assert.Matches(@"placed \(匹配成功\)\s+[1-9]", result.Output);
    }
}
