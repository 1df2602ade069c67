using System.Globalization;
using System.Text;
using JobHome.Cli.Tests.Support;
using JobHome.Matching.Scoring;
using static JobHome.Cli.Tests.Support.SampleData;

namespace JobHome.Cli.Tests.Model;

public sealed class ModelTrainTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Outcomes where placement depends on occupation only; other factors are noise.</summary>
    private static string FactorOutcomes(int n = 400)
    {
        var rng = new Random(7);
        var sb = new StringBuilder("occupation,skills,pay,distance,priority,placed\n");
        for (var i = 0; i < n; i++)
        {
            var occupation = rng.Next(5) * 0.25;
            var placed = rng.NextDouble() < 0.05 + (0.9 * occupation);
            sb.Append(CultureInfo.InvariantCulture, $"{occupation:0.00},{rng.NextDouble():0.000},{rng.NextDouble():0.000},{rng.NextDouble():0.000},{rng.Next(2)},{(placed ? 1 : 0)}\n");
        }
        return sb.ToString();
    }

    [Fact]
    public async Task Train_FactorOutcomes_WritesModelThatWeightsOccupationMost()
    {
        _cli.Write("outcomes.csv", FactorOutcomes());

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("outcomes.csv"), "--out", _cli.PathOf("m/model.json"), "--l2", "0.5");

        Assert.True(result.Exit == 0, result.All);
        var model = ScoringModel.FromJson(File.ReadAllText(_cli.PathOf("m/model.json")));
        Assert.Equal(400, model.TrainedOn);
        Assert.True(model.Weight(Factor.Occupation) > 0.5, $"occupation weight {model.Weight(Factor.Occupation)}");
        Assert.Contains("occupation (职业匹配)", result.Output, StringComparison.Ordinal);
        Assert.Contains(model.Weight(Factor.Occupation).ToString("0.0000", CultureInfo.InvariantCulture), result.Output, StringComparison.Ordinal);
        Assert.Equal(["model.json"], Directory.EnumerateFiles(_cli.PathOf("m")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Train_IdOutcomes_ComputesFactorsFromSeekersAndPosts()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1"), Seeker("S2", occupations: "4-01"), Seeker("S3", occupations: "6-01-02-01")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1"), Post("P2", occupation: "2-02")));
        _cli.Write("outcomes.csv", "seeker_id,post_id,placed\nS1,P1,1\nS2,P1,0\nS3,P1,1\nS1,P2,0\nS2,P2,0\nS3,P2,0\n");

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("outcomes.csv"), "--seekers", _cli.PathOf("seekers.csv"),
            "--posts", _cli.PathOf("posts.csv"), "--as-of", "2026-11-01", "--out", _cli.PathOf("model.json"));

        Assert.True(result.Exit == 0, result.All);
        Assert.Equal(6, ScoringModel.FromJson(File.ReadAllText(_cli.PathOf("model.json"))).TrainedOn);
    }

    [Fact]
    public async Task Train_IdOutcomesWithoutSeekers_IsUsageError()
    {
        _cli.Write("outcomes.csv", "seeker_id,post_id,placed\nS1,P1,1\n");

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("outcomes.csv"), "--out", _cli.PathOf("model.json"));

        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains("pass --seekers and --posts", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("model.json")));
    }

    [Fact]
    public async Task Train_UnknownIdAndBadPlaced_NameLineColumnAndWriteNothing()
    {
        _cli.Write("seekers.csv", Table(SeekerHeader, Seeker("S1")));
        _cli.Write("posts.csv", Table(PostHeader, Post("P1")));
        _cli.Write("outcomes.csv", "seeker_id,post_id,placed\nS1,P1,1\nS9,P1,yes\n");

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("outcomes.csv"), "--seekers", _cli.PathOf("seekers.csv"),
            "--posts", _cli.PathOf("posts.csv"), "--out", _cli.PathOf("model.json"));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("outcomes.csv line 3, column seeker_id: value \"S9\" — seeker_id (求职者编号) is not a valid seeker of seekers.csv", result.Error, StringComparison.Ordinal);
        Assert.Contains("outcomes.csv line 3, column placed: value \"yes\" — placed (是否就业) must be 1 (placed) or 0 (not placed)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("model.json")));
    }

    [Fact]
    public async Task Train_FactorOutOfRange_IsRejected()
    {
        _cli.Write("outcomes.csv", "occupation,skills,pay,distance,priority,placed\n1.5,0,0,0,0,1\n0,0,0,0,0,0\n");

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("outcomes.csv"), "--out", _cli.PathOf("model.json"));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("outcomes.csv line 2, column occupation: value \"1.5\" — occupation (职业匹配) must be a factor value between 0 and 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_OnlyOneOutcomeKind_ExplainsWhy()
    {
        _cli.Write("outcomes.csv", "occupation,skills,pay,distance,priority,placed\n1,0,0,0,0,1\n0.5,0,0,0,0,1\n");

        var result = await _cli.RunAsync(null, "model", "train", "--outcomes", _cli.PathOf("outcomes.csv"), "--out", _cli.PathOf("model.json"));

        Assert.Equal(ExitCodes.InvalidInput, result.Exit);
        Assert.Contains("needs outcomes of both kinds", result.Error, StringComparison.Ordinal);
    }
}
