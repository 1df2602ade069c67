using System.IO.Compression;
using System.Text;
using JobHome.Cli.Tests.Support;
using JobHome.Matching.Scoring;

namespace JobHome.Cli.Tests.Model;

public sealed class TwoStageTrainTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<string> DemoAsync()
    {
        var result = await _cli.RunAsync(null, "demo", "--xinfeng", "--outcomes", "--out", _cli.PathOf("demo"));
        Assert.True(result.Exit == 0, result.All);
        return _cli.PathOf("demo");
    }

    [Fact]
    public async Task Demo_OutcomesFlag_OtherFilesByteIdentical()
    {
        var with = await DemoAsync();
        var without = await _cli.RunAsync(null, "demo", "--xinfeng", "--out", _cli.PathOf("plain"));
        Assert.True(without.Exit == 0, without.All);
        foreach (var file in new[] { "sites.csv", "seekers.csv", "households.csv", "employers.csv", "posts.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(with, file)), File.ReadAllBytes(_cli.PathOf("plain/" + file)));
        }
        Assert.False(File.Exists(_cli.PathOf("plain/outcomes.csv")));
        var outcomes = File.ReadAllText(Path.Combine(with, "outcomes.csv"));
        Assert.StartsWith("seeker_id,post_id,date,rank,applied,placed\n", outcomes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_DemoStageOutcomes_WritesBundleAndReportsBothStages()
    {
        var demo = await DemoAsync();
        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", Path.Combine(demo, "outcomes.csv"),
            "--seekers", Path.Combine(demo, "seekers.csv"), "--posts", Path.Combine(demo, "posts.csv"), "--as-of", "2025-01-01",
            "--out", _cli.PathOf("model.zip"));

        Assert.True(result.Exit == 0, result.All);
        Assert.Contains("linear stage (线性)", result.Output, StringComparison.Ordinal);
        Assert.Contains("re-ranker (重排序)", result.Output, StringComparison.Ordinal);
        Assert.Contains("NDCG@10", result.Output, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(_cli.PathOf("model.zip"));
        Assert.Equal(["linear.json", "manifest.json", "reranker.mlnet", "trees.json"], zip.Entries.Select(e => e.FullName).Order());

        var fair = await _cli.RunAsync(null, "fair", "match", "--seekers", Path.Combine(demo, "seekers.csv"), "--posts",
            Path.Combine(demo, "posts.csv"), "--as-of", "2025-01-01", "--out", _cli.PathOf("assignment.csv"),
            "--model", _cli.PathOf("model.zip"));
        Assert.True(fair.Exit == 0, fair.All);
    }

    [Fact]
    public async Task Train_ReRankerCannotBeatLinear_RefusesAndWritesNothing()
    {
        var demo = await DemoAsync();
        // Every list is uniform (all placed, or all applied only): any order has NDCG@10 = 1, so the re-ranker cannot be higher.
        var lines = File.ReadAllLines(Path.Combine(demo, "outcomes.csv"));
        var sb = new StringBuilder(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var placed = f[0][^1] is '1' or '3' or '5' ? "1" : "0";
            sb.Append($"{f[0]},{f[1]},{f[2]},{f[3]},1,{placed}\n");
        }
        _cli.Write("uniform.csv", sb.ToString());

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("uniform.csv"),
            "--seekers", Path.Combine(demo, "seekers.csv"), "--posts", Path.Combine(demo, "posts.csv"), "--as-of", "2025-01-01",
            "--out", _cli.PathOf("model.zip"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("does not beat the linear stage", result.Error, StringComparison.Ordinal);
        Assert.Contains("+0.0000", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("model.zip")));
    }

    [Fact]
    public async Task Train_StageOutcomePlacedWithoutApplied_NamesFieldAndRule()
    {
        var demo = await DemoAsync();
        var first = File.ReadAllLines(Path.Combine(demo, "outcomes.csv"))[1].Split(',');
        _cli.Write("bad.csv", "seeker_id,post_id,date,rank,applied,placed\n"
            + $"{first[0]},{first[1]},2024-08-01,1,0,1\n{first[0]},{first[1]},2024-8-1,0,1,0\n");

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("bad.csv"),
            "--seekers", Path.Combine(demo, "seekers.csv"), "--posts", Path.Combine(demo, "posts.csv"), "--out", _cli.PathOf("model.zip"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("placed (是否就业) can be 1 only when applied is 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("date (推荐日期) must be a date YYYY-MM-DD", result.Error, StringComparison.Ordinal);
        Assert.Contains("rank (推荐名次) must be a whole number ≥ 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FairMatch_ZipWithoutLinearEntry_NamesFileAndEntry()
    {
        var demo = await DemoAsync();
        using (var zip = ZipFile.Open(_cli.PathOf("broken.zip"), ZipArchiveMode.Create))
        {
            zip.CreateEntry("manifest.json");
        }

        var fair = await _cli.RunAsync(null, "fair", "match", "--seekers", Path.Combine(demo, "seekers.csv"), "--posts",
            Path.Combine(demo, "posts.csv"), "--as-of", "2025-01-01", "--out", _cli.PathOf("assignment.csv"),
            "--model", _cli.PathOf("broken.zip"));

        Assert.Equal(2, fair.Exit);
        Assert.Contains("broken.zip", fair.Error, StringComparison.Ordinal);
        Assert.Contains("entry 'linear.json' is missing", fair.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("assignment.csv")));
    }

    [Fact]
    public void ScoringModelDefault_StillV1() => Assert.Contains("\"version\": 1", ScoringModel.Default.ToJson(), StringComparison.Ordinal);
}
