using JobHome.Matching.Congestion;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Matching.Simulation;

namespace JobHome.Matching.Tests.Congestion;

public sealed class AwareMarketTests
{
    private static readonly MatchOptions Options = new(TestData.AsOf);

    private static (List<MatchSeeker>, List<MatchPost>) Data(int seed)
    {
        var data = new TestData(seed);
        return ([.. Enumerable.Range(0, 600).Select(_ => data.Seeker())], [.. Enumerable.Range(0, 120).Select(_ => data.Post())]);
    }

    [Theory]
    [InlineData(PostListKind.Plain)]
    [InlineData(PostListKind.Aware)]
    public void Run_SameSeed_SameResult(PostListKind kind)
    {
        var (seekers, posts) = Data(21);
        var settings = new MarketSettings(4, 8, 17) { Lists = kind };
        var a = MarketSimulator.Run(seekers, posts, ScoringModel.Default, Options, settings);
        var b = MarketSimulator.Run(seekers, posts, ScoringModel.Default, Options, settings);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(PostListKind.Plain)]
    [InlineData(PostListKind.Aware)]
    public void Run_Result_IsConsistent(PostListKind kind)
    {
        var (seekers, posts) = Data(23);
        var open = posts.Where(p => p.Openings > 0).ToList();
        var rounds = new List<int>();
        var result = MarketSimulator.Run(seekers, posts, ScoringModel.Default, Options,
            new MarketSettings(3, 10, 5) { Lists = kind }, rounds.Add);
        Assert.Equal([1, 2, 3], rounds);
        Assert.InRange(result.Placements, 1, Math.Min(seekers.Count, open.Sum(p => p.Openings)));
        Assert.True(result.Applications >= result.Placements);
        Assert.InRange(result.PostsWithoutApplicant, 0, open.Count);
        Assert.InRange(result.ApplicationGini, 0, 1);
        Assert.InRange(result.MeanPlacedScore, 0.000001, 1);
    }

    [Fact]
    public void Settings_Default_AreAwareLists() => Assert.Equal(PostListKind.Aware, new MarketSettings().Lists);

    [Fact]
    public void Run_AwareLists_DifferFromPlainOnACongestedMarket()
    {
        var (seekers, posts) = Data(29);
        var plain = MarketSimulator.Run(seekers, posts, ScoringModel.Default, Options,
            new MarketSettings(3, 10, 5) { Lists = PostListKind.Plain });
        var aware = MarketSimulator.Run(seekers, posts, ScoringModel.Default, Options,
            new MarketSettings(3, 10, 5) { Lists = PostListKind.Aware });
        Assert.NotEqual(plain, aware);
        Assert.True(aware.ApplicationGini < plain.ApplicationGini,
            $"aware lists should spread applications: Gini {aware.ApplicationGini} vs plain {plain.ApplicationGini}");
    }
}
