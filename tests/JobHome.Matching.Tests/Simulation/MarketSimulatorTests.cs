using JobHome.Matching.Scoring;
using JobHome.Matching.Simulation;
using JobHome.Matching.Tests.Scoring;

namespace JobHome.Matching.Tests.Simulation;

public sealed class MarketSimulatorTests
{
    [Fact]
    public void Gini_KnownValues_Match()
    {
        Assert.Equal(0.0, MarketSimulator.Gini([2.0, 2.0, 2.0]), 12);
        Assert.Equal(0.75, MarketSimulator.Gini([0.0, 0.0, 0.0, 4.0]), 12);
        Assert.Equal(0.0, MarketSimulator.Gini([]), 12);
    }

    [Fact]
    public void ApplyProbability_Rank_FallsGeometrically()
    {
        Assert.Equal(0.6, MarketSettings.ApplyProbability(1), 12);
        Assert.Equal(0.6 * 0.8 * 0.8, MarketSettings.ApplyProbability(3), 12);
    }

    [Fact]
    public void Run_SameSeed_SameResultAndPlacementsWithinOpenings()
    {
        var seekers = Enumerable.Range(0, 300).Select(i => EligibilityTests.Seeker() with { Id = $"S{i:000}" }).ToList();
        var posts = Enumerable.Range(0, 20).Select(i => EligibilityTests.Post() with { Id = $"P{i:00}", Openings = 1 + (i % 3) }).ToList();
        var options = new MatchOptions(new DateOnly(2026, 6, 15));
        var a = MarketSimulator.Run(seekers, posts, ScoringModel.Default, options, new MarketSettings(3, 5, 9));
        var b = MarketSimulator.Run(seekers, posts, ScoringModel.Default, options, new MarketSettings(3, 5, 9));
        Assert.Equal(a, b);
        Assert.InRange(a.Placements, 1, posts.Sum(p => p.Openings));
        Assert.True(a.Applications >= a.Placements);
    }

    [Fact]
    public void Run_ZeroRounds_Throws()
    {
        var options = new MatchOptions(new DateOnly(2026, 6, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            MarketSimulator.Run([], [], ScoringModel.Default, options, new MarketSettings(0)));
    }
}
