using System.Globalization;
using JobHome.Cli.Tests.Support;
using JobHome.Matching.Scoring;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Fair;

/// <summary>
/// The real engine end to end on hand-made instances whose optimum is known. An occupation-only model makes
/// scores exact quarter steps: shared occupation depth 4 → 1.00, 3 → 0.75, 2 → 0.50, 1 → 0.25.
/// </summary>
public sealed class FairMatchEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public FairMatchEndToEndTests() => _cli.Write("occupation-only.json", ScoringModel.FromWeights(1, 0, 0, 0, 0).ToJson());

    public void Dispose() => _cli.Dispose();

    /// <summary>A–X 1.00, A–Y 0.25, B–X 0.50 (B does not take part-time work, so not Y).</summary>
    private void WriteScoreVersusPlacements()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader,
            Seeker("A", name: "甲某", occupations: "6-01-02-01", availability: "full_time;part_time"),
            Seeker("B", name: "乙某", occupations: "6-01-03-01", availability: "full_time")));
        _cli.Write("posts.csv", Table(PostHeader,
            Post("X", occupation: "6-01-02-01", kind: "full_time"),
            Post("Y", occupation: "6-02-01-01", kind: "part_time")));
    }

    /// <summary>A–X 0.75, A–Y 0.50, B–X 0.50: the optimum gives X to B, seeker-proposing stability gives X to A.</summary>
    private void WriteOptimalVersusStable()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader,
            Seeker("A", occupations: "6-01-02-01", availability: "full_time;part_time"),
            Seeker("B", occupations: "6-01-05-01", availability: "full_time")));
        _cli.Write("posts.csv", Table(PostHeader,
            Post("X", occupation: "6-01-02-09", kind: "full_time"),
            Post("Y", occupation: "6-01-07-01", kind: "part_time")));
    }

    private Task<CliResult> MatchAsync(params string[] extra)
    {
        string[] args = ["fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--pairs-out", _cli.PathOf("out/pairs.csv"), "--as-of", "2026-11-01",
            "--model", _cli.PathOf("occupation-only.json"), .. extra];
        return _cli.RunAsync(null, args);
    }

    private string[] Assignment() => File.ReadAllLines(_cli.PathOf("out/a.csv"));

    [Fact]
    public async Task Match_ScoreObjective_MaximisesTotalScore()
    {
        WriteScoreVersusPlacements();

        var result = await MatchAsync("--objective", "score");

        Assert.True(result.Exit == 0, result.All);
        Assert.Equal(["seeker_id,post_id,score", "A,X,1.000000"], Assignment());
        Assert.Matches(@"total score \(总分\)\s+1\.000000", result.Output);
        Assert.Matches(@"placed \(匹配成功\)\s+1\n", result.Output.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Match_PlacementsObjective_PlacesEveryoneItCan()
    {
        WriteScoreVersusPlacements();

        var result = await MatchAsync("--objective", "placements");

        Assert.True(result.Exit == 0, result.All);
        Assert.Equal(["seeker_id,post_id,score", "A,Y,0.250000", "B,X,0.500000"], Assignment());
        Assert.Matches(@"total score \(总分\)\s+0\.750000", result.Output);
    }

    [Fact]
    public async Task Match_OptimalMode_BeatsStableOnScore()
    {
        WriteOptimalVersusStable();

        var result = await MatchAsync("--mode", "optimal");

        Assert.True(result.Exit == 0, result.All);
        Assert.Equal(["seeker_id,post_id,score", "A,Y,0.500000", "B,X,0.500000"], Assignment());
    }

    [Fact]
    public async Task Match_StableMode_GivesContestedPostToTheBetterPair()
    {
        WriteOptimalVersusStable();

        var result = await MatchAsync("--mode", "stable");

        Assert.True(result.Exit == 0, result.All);
        Assert.Equal(["seeker_id,post_id,score", "A,X,0.750000"], Assignment());
    }

    [Fact]
    public async Task Match_PairsOut_ScoresAreWhatTheTotalSums()
    {
        WriteOptimalVersusStable();

        var result = await MatchAsync();

        Assert.True(result.Exit == 0, result.All);
        var pairs = File.ReadAllLines(_cli.PathOf("out/pairs.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1]), f => f[2]);
        Assert.Equal(new Dictionary<(string, string), string> { [("A", "X")] = "0.750000", [("A", "Y")] = "0.500000", [("B", "X")] = "0.500000" }, pairs);
        var micro = Assignment().Skip(1).Select(l => l.Split(',')).Sum(f =>
        {
            Assert.Equal(pairs[(f[0], f[1])], f[2]);
            return long.Parse(f[2].Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        });
        Assert.Contains(JobHome.Fair.ScoreText.FromMicro(micro), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_TrainedModel_RoundTripsIntoFairMatch()
    {
        WriteScoreVersusPlacements();
        _cli.Write("outcomes.csv", "seeker_id,post_id,placed\nA,X,1\nA,Y,0\nB,X,1\nB,Y,0\n");
        var train = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("outcomes.csv"), "--seekers", _cli.PathOf("seekers.csv"),
            "--posts", _cli.PathOf("posts.csv"), "--as-of", "2026-11-01", "--out", _cli.PathOf("trained.json"));
        Assert.True(train.Exit == 0, train.All);
        var model = ScoringModel.FromJson(File.ReadAllText(_cli.PathOf("trained.json")));

        var result = await _cli.RunAsync(null, "fair", "match", "--seekers", _cli.PathOf("seekers.csv"), "--posts", _cli.PathOf("posts.csv"),
            "--out", _cli.PathOf("out/a.csv"), "--pairs-out", _cli.PathOf("out/pairs.csv"), "--as-of", "2026-11-01", "--model", _cli.PathOf("trained.json"));

        Assert.True(result.Exit == 0, result.All);
        var seekers = JobHome.Fair.Csv.SeekerCsv.Read(_cli.PathOf("seekers.csv"), new DateOnly(2026, 11, 1)).Items;
        var posts = JobHome.Fair.Csv.PostCsv.Read(_cli.PathOf("posts.csv")).Items;
        var expected = model.Score(Scorer.Factors(seekers[0], posts[0], new MatchOptions(new DateOnly(2026, 11, 1))));
        var ax = File.ReadAllLines(_cli.PathOf("out/pairs.csv")).First(l => l.StartsWith("A,X,", StringComparison.Ordinal)).Split(',')[2];
        Assert.Equal(JobHome.Fair.ScoreText.FromMicro(Matching.Assignment.CandidateGraph.ToMicro(expected)), ax);
    }
}
