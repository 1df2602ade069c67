using JobHome.Demo;
using JobHome.Demo.Outcomes;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Rerank;

namespace JobHome.Benchmarks.Matching;

/// <summary>The two-stage model of the re-ranking benchmarks: trained once on Xinfeng's demo outcomes, as model train does.</summary>
internal static class RerankModel
{
    private static readonly Lazy<TwoStageResult> Trained = new(() =>
    {
        var county = DemoGenerator.Xinfeng();
        var seekers = county.Seekers.Select(s => new MatchSeeker(s.Id, s.BirthDate, s.Gender, s.Education, s.Occupations,
            [.. s.Skills, .. s.Certificates], s.ExpectedPayMin, s.Location, s.Rural, s.Availability, s.KeyGroups)).ToList();
        var posts = county.Posts.Select(p => new MatchPost(p.Id, p.EmployerId, p.Title, p.Occupation, p.Openings, p.PayMin, p.PayMax,
            p.Location, p.Kind, p.MinEducation, p.AgeMin, p.AgeMax, p.RequiredSkills) { Opened = p.Opened }).ToList();
        var outcomes = OutcomeSimulator.Simulate(seekers, posts, DemoRandom.Derive(1, 2_000_000UL))
            .Select(o => new StageOutcome(o.SeekerId, o.PostId, o.Date, o.Rank, o.Applied, o.Placed)).ToList();
        var rows = RankRowBuilder.Build(outcomes, seekers.ToDictionary(s => s.Id), posts.ToDictionary(p => p.Id),
            new MatchOptions(DemoGenerator.ReferenceDate));
        return TwoStageTrainer.Train(rows, SplitKind.Time, 1.0);
    });

    /// <summary>The trained stages.</summary>
    public static TwoStageResult Result => Trained.Value;
}
