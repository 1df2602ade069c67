using System.IO.Compression;
using System.Text;
using JobHome.Cli.Tests.Support;
using JobHome.Fair.Csv;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Bundle;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Model;

/// <summary>Posts' open dates (posts.csv <c>opened</c>) feed the re-ranker's freshness; model files load by the silo's rule.</summary>
public sealed class PostOpenedTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    // P1 and P2 are the same post but for the open date; the trees like only posts opened at most 30 days before the fair.
    private void WriteInstance(string p1Opened, string p2Opened)
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1")));
        _cli.Write("posts.csv", Table(PostHeader + ",opened", Post("P1") + "," + p1Opened, Post("P2") + "," + p2Opened));
        WriteBundle(withTrees: true);
    }

    private void WriteBundle(bool withTrees)
    {
        using var file = File.Create(_cli.PathOf("model.zip"));
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        WriteEntry(zip, ModelBundle.LinearEntry, ScoringModel.Default.ToJson());
        if (withTrees)
        {
            WriteEntry(zip, ModelBundle.TreesEntry, new TreeEnsemble(
                [new RegressionTreeData(1.0, [(int)RerankFeature.PostAgeDays], [30f], [~0], [~1], [1.0, 0.0])],
                bias: 0, baseline: Baseline()).ToJson());
        }
    }

    // Explanations compare with the baseline; a stale baseline makes freshness the reason a fresh post leads.
    private static float[] Baseline()
    {
        var baseline = new float[RerankFeatureNames.Count];
        baseline[(int)RerankFeature.PostAgeDays] = 100;
        return baseline;
    }

    private static void WriteEntry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private Task<CliResult> RecommendAsync() =>
        _cli.RunAsync(null, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--recommendations-out", _cli.PathOf("out/recs.csv"), "--k", "2", "--as-of", "2026-11-01",
            "--model", _cli.PathOf("model.zip"));

    [Fact]
    public async Task RecommendationsOut_FreshPostSecondInFile_FirstByFreshness()
    {
        WriteInstance("2026-01-10", "2026-10-20");

        var result = await RecommendAsync();

        Assert.True(result.Exit == 0, result.All);
        var lines = File.ReadAllLines(_cli.PathOf("out/recs.csv"));
        Assert.StartsWith("S1,1,P2,0.790815,post_age_days=12(+1.00)(", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("S1,2,P1,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_BadOpenedDate_NamesColumnValueAndRule()
    {
        WriteInstance("2026/01/10", "");

        var result = await RecommendAsync();

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("posts.csv line 2, column opened: value \"2026/01/10\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("opened (发布日期) must be a date written YYYY-MM-DD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OldHeaderWithoutOpened_ReadsPostsWithoutDate()
    {
        _cli.Write("posts.csv", Table(PostHeader, Post("P1")));
        _cli.Write("new.csv", Table(PostHeader + ",opened", Post("P1") + ",2026-03-04", Post("P2") + ","));

        var old = PostCsv.Read(_cli.PathOf("posts.csv"));
        var dated = PostCsv.Read(_cli.PathOf("new.csv"));

        Assert.Empty(old.Issues);
        Assert.Null(Assert.Single(old.Items).Opened);
        Assert.Empty(dated.Issues);
        Assert.Equal([new DateOnly(2026, 3, 4), null], dated.Items.Select(p => p.Opened));
    }

    [Fact]
    public async Task Match_ModelZipWithoutTrees_LinearOnlyAsTheSiloReadsIt()
    {
        WriteInstance("2026-01-10", "2026-10-20");
        WriteBundle(withTrees: false);

        var result = await RecommendAsync();

        Assert.True(result.Exit == 0, result.All);
        Assert.Matches(@"^S1,1,P1,0\.\d{6},occupation=", File.ReadAllLines(_cli.PathOf("out/recs.csv"))[1]);
    }
}
