using System.IO.Compression;
using System.Text;
using JobHome.Cli.Tests.Support;
using JobHome.Fair;
using JobHome.Fair.Csv;
using JobHome.Matching.Index;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Bundle;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Model;

/// <summary><c>fair match --recommendations-out</c> with a model.zip: the linear top-N re-ordered by the bundle's trees.</summary>
public sealed class FairRerankTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 11, 1);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    // S1 (6-01-02-01, at 25.386): P1 is the exact occupation 8 km away (linear 0.82), P2 the same minor group at the door
    // (0.80), P3 the same intermediate group 4 km away. The trees like only a commute share ≤ 0.2, so they put P2 first.
    private void WriteInstance()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader,
            Seeker("S1", occupations: "6-01-02-01", skills: ""),
            Seeker("S2", occupations: "6-01-03", skills: "", lat: "25.420")));
        _cli.Write("posts.csv", Table(PostHeader,
            Post("P1", occupation: "6-01-02-01", lat: "25.458", lon: "114.922"),
            Post("P2", occupation: "6-01-02-03", lat: "25.386", lon: "114.922"),
            Post("P3", occupation: "6-01-03", lat: "25.422", lon: "114.922")));
        _cli.Write("model.json", ScoringModel.Default.ToJson());
        using var file = File.Create(_cli.PathOf("model.zip"));
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        WriteEntry(zip, ModelBundle.ManifestEntry, "{\"version\":2}");
        WriteEntry(zip, ModelBundle.LinearEntry, ScoringModel.Default.ToJson());
        WriteEntry(zip, ModelBundle.TreesEntry, NearOnlyTrees().ToJson());
    }

    private static TreeEnsemble NearOnlyTrees() => new(
        [new RegressionTreeData(1.0, [(int)RerankFeature.CommuteShare], [0.2f], [~0], [~1], [1.0, 0.0])],
        bias: 0,
        baseline: Enumerable.Repeat(0.5f, RerankFeatureNames.Count).ToArray());

    private static void WriteEntry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    private async Task<string[]> RecommendAsync(string model)
    {
        var result = await _cli.RunAsync(null, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--recommendations-out", _cli.PathOf("out/recs.csv"), "--k", "2", "--as-of", "2026-11-01",
            "--model", _cli.PathOf(model));
        Assert.True(result.Exit == 0, result.All);
        return File.ReadAllLines(_cli.PathOf("out/recs.csv"));
    }

    [Fact]
    public async Task RecommendationsOut_BundleWithTrees_EqualsDirectRerankOfLinearTopN()
    {
        WriteInstance();

        var lines = await RecommendAsync("model.zip");

        var seekers = SeekerCsv.Read(_cli.PathOf("seekers.csv"), AsOf).Items;
        var posts = PostCsv.Read(_cli.PathOf("posts.csv")).Items;
        var options = new MatchOptions(AsOf, 15);
        var index = new MatchIndex(ScoringModel.Default);
        index.UpsertPosts(posts);
        var expected = new List<string> { "seeker_id,rank,post_id,score,factors" };
        foreach (var seeker in seekers)
        {
            var linear = index.TopPostsForSeeker(seeker, TwoStageRanking.DefaultDepth, options);
            var candidates = linear.Select(r => new RerankCandidate(posts.Single(p => p.Id == r.Id), r.Score, default)).ToList();
            var rank = 1;
            foreach (var ranked in new Reranker(NearOnlyTrees(), options).Rerank(seeker, candidates, 2))
            {
                expected.Add($"{seeker.Id},{rank++},{ranked.Id},{ScoreText.FromScore(ranked.LinearScore)},"
                    + FairOutputs.FormatReasons(ranked.Reasons));
            }
        }
        Assert.Equal(expected, lines);
        Assert.StartsWith("S1,1,P2,0.800000,commute_share=0(+1.00)(", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecommendationsOut_BundleWithTrees_DiffersFromLinearOrder()
    {
        WriteInstance();

        var linear = await RecommendAsync("model.json");
        var reranked = await RecommendAsync("model.zip");

        Assert.Equal(["S1,1,P1", "S1,2,P2"], linear.Skip(1).Take(2).Select(l => string.Join(',', l.Split(',')[..3])));
        Assert.Equal(["S1,1,P2", "S1,2,P1"], reranked.Skip(1).Take(2).Select(l => string.Join(',', l.Split(',')[..3])));
        Assert.Matches(@"^S1,1,P1,0\.8\d{5},occupation=1\.00\(职业匹配\)", linear[1]);
    }

    [Fact]
    public async Task Assignment_BundleWithTrees_StaysOnTheLinearStage()
    {
        WriteInstance();

        await RecommendAsync("model.json");
        var linear = File.ReadAllText(_cli.PathOf("out/a.csv"));
        await RecommendAsync("model.zip");

        Assert.Equal(linear, File.ReadAllText(_cli.PathOf("out/a.csv")));
    }
}
