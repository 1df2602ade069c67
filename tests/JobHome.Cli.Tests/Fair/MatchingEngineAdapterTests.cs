using JobHome.Cli.Tests.Support;
using JobHome.Matching.Assignment;
using JobHome.Matching.Scoring;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Fair;

/// <summary>The real candidate graph and recommendations through the CLI (solver replaced by a greedy one).</summary>
public sealed class MatchingEngineAdapterTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private void WriteInstance()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader,
            Seeker("S1", occupations: "6-01-02-01", skills: "焊工证"),
            Seeker("S2", occupations: "4-01", education: "bachelor", keyGroups: "graduate"),
            Seeker("S3", occupations: "6-01", lat: "26.5")));
        _cli.Write("posts.csv", Table(PostHeader,
            Post("P1", occupation: "6-01-02-01", skills: "焊工证"),
            Post("P2", occupation: "4-01-02", minEducation: "college"),
            Post("P3", occupation: "6-01-03", lat: "25.40")));
    }

    [Fact]
    public async Task Match_RealGraph_PairsAreEligibleAndScoredLikeTheScorer()
    {
        WriteInstance();

        var result = await _cli.RunAsync(HybridEngine.Create, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--pairs-out", _cli.PathOf("out/pairs.csv"), "--as-of", "2026-11-01");

        Assert.True(result.Exit == 0, result.All);
        var pairs = File.ReadAllLines(_cli.PathOf("out/pairs.csv")).Skip(1).ToList();
        Assert.Contains(pairs, p => p.StartsWith("S1,P1,", StringComparison.Ordinal));
        Assert.DoesNotContain(pairs, p => p.StartsWith("S3,", StringComparison.Ordinal));
        var s1p1 = pairs.First(p => p.StartsWith("S1,P1,", StringComparison.Ordinal)).Split(',')[2];
        var seekers = JobHome.Fair.Csv.SeekerCsv.Read(_cli.PathOf("seekers.csv"), new DateOnly(2026, 11, 1)).Items;
        var posts = JobHome.Fair.Csv.PostCsv.Read(_cli.PathOf("posts.csv")).Items;
        Assert.True(new Scorer(ScoringModel.Default, new MatchOptions(new DateOnly(2026, 11, 1))).TryScore(seekers[0], posts[0], out var score));
        Assert.Equal(JobHome.Fair.ScoreText.FromMicro(CandidateGraph.ToMicro(score)), s1p1);
    }

    [Fact]
    public async Task Match_RecommendationsOut_ListsRankedPostsWithTopFactors()
    {
        WriteInstance();

        var result = await _cli.RunAsync(HybridEngine.Create, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--recommendations-out", _cli.PathOf("out/recs.csv"), "--k", "2", "--as-of", "2026-11-01");

        Assert.True(result.Exit == 0, result.All);
        var lines = File.ReadAllLines(_cli.PathOf("out/recs.csv"));
        Assert.Equal("seeker_id,rank,post_id,score,factors", lines[0]);
        var s1 = lines.Skip(1).Where(l => l.StartsWith("S1,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, s1.Count);
        Assert.StartsWith("S1,1,P1,", s1[0], StringComparison.Ordinal);
        Assert.StartsWith("S1,2,P3,", s1[1], StringComparison.Ordinal);
        Assert.Matches(@"^S1,1,P1,\d\.\d{6},occupation=1\.00\(职业匹配\)(;[a-z]+=\d\.\d\d\([^)]+\))+$", s1[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("S3,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Match_ModelFromTrain_IsUsedForScores()
    {
        WriteInstance();
        _cli.Write("model.json", ScoringModel.FromWeights(0, 0, 0, 1, 0).ToJson());

        var result = await _cli.RunAsync(HybridEngine.Create, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--pairs-out", _cli.PathOf("out/pairs.csv"), "--as-of", "2026-11-01", "--model", _cli.PathOf("model.json"));

        Assert.True(result.Exit == 0, result.All);
        var s1p1 = File.ReadAllLines(_cli.PathOf("out/pairs.csv")).First(p => p.StartsWith("S1,P1,", StringComparison.Ordinal)).Split(',')[2];
        var seekers = JobHome.Fair.Csv.SeekerCsv.Read(_cli.PathOf("seekers.csv"), new DateOnly(2026, 11, 1)).Items;
        var posts = JobHome.Fair.Csv.PostCsv.Read(_cli.PathOf("posts.csv")).Items;
        var distance = Scorer.Factors(seekers[0], posts[0], new MatchOptions(new DateOnly(2026, 11, 1))).Distance;
        Assert.Equal(JobHome.Fair.ScoreText.FromMicro(CandidateGraph.ToMicro(distance)), s1p1);
    }
}
