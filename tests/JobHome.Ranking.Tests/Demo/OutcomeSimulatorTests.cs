using JobHome.Demo;
using JobHome.Demo.Outcomes;
using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Ranking.Tests.Demo;

public sealed class OutcomeSimulatorTests
{
    [Fact]
    public void Simulate_SameSeed_SameOutcomes()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var a = OutcomeSimulator.Simulate(seekers, posts, 7);
        var b = OutcomeSimulator.Simulate(seekers, posts, 7);
        Assert.Equal(a, b);
        Assert.NotEmpty(a);
    }

    [Fact]
    public void Simulate_Xinfeng_PlacedImpliesAppliedAndOpeningsRespected()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var outcomes = OutcomeSimulator.Simulate(seekers, posts, 3);
        Assert.All(outcomes, o => Assert.True(!o.Placed || o.Applied));
        Assert.All(outcomes, o => Assert.InRange(o.Rank, 1, OutcomeSimulator.ListLength));
        var openings = posts.ToDictionary(p => p.Id, p => p.Openings);
        Assert.All(outcomes.Where(o => o.Placed).GroupBy(o => o.PostId), g => Assert.True(g.Count() <= openings[g.Key]));
        Assert.All(outcomes.Where(o => o.Placed).GroupBy(o => o.SeekerId), g => Assert.Single(g));
        Assert.InRange(outcomes.Count(o => o.Placed), 50, outcomes.Count(o => o.Applied));
    }

    [Fact]
    public void ApplyProbability_SameCommute_FallsMoreForGigThanFullTime()
    {
        var seeker = new MatchSeeker("S1", new DateOnly(1990, 1, 1), Gender.Female, EducationLevel.Senior, [], [], 4000,
            new GeoPoint(25.0, 115.0), false, WorkKind.FullTime | WorkKind.Gig, KeyGroups.None);
        var fullTime = new MatchPost("P1", "E1", "t", default, 1, 4000, 4000, new GeoPoint(25.0, 115.0), WorkKind.FullTime,
            EducationLevel.Primary, null, null, []);
        var gig = fullTime with { Kind = WorkKind.Gig };
        var f = new FactorVector(1, 1, 1, 1, 0);
        double Drop(MatchPost post) => OutcomeBehaviour.ApplyProbability(f, seeker, post, 0, 15, 1, 0)
            - OutcomeBehaviour.ApplyProbability(f, seeker, post, 12, 15, 1, 0);
        Assert.True(Drop(gig) > 2 * Drop(fullTime));
    }

    [Fact]
    public void Simulate_ReferenceDate_DatesInHalfYearBefore()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var outcomes = OutcomeSimulator.Simulate(seekers, posts, 5);
        Assert.All(outcomes, o => Assert.InRange(o.Date, DemoGenerator.ReferenceDate.AddDays(-OutcomeSimulator.Days),
            DemoGenerator.ReferenceDate.AddDays(-1)));
    }
}
