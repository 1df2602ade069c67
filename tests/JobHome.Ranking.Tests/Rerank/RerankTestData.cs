using JobHome.Demo;
using JobHome.Demo.Outcomes;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Rerank;

namespace JobHome.Ranking.Tests.Rerank;

/// <summary>Xinfeng's simulated outcomes as rows, and a two-stage model trained on them once per test run.</summary>
internal static class RerankTestData
{
    public static readonly MatchOptions Options = new(DemoGenerator.ReferenceDate);

    private static readonly Lazy<IReadOnlyList<RankRow>> RowsValue = new(() =>
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var outcomes = OutcomeSimulator.Simulate(seekers, posts, 11)
            .Select(o => new StageOutcome(o.SeekerId, o.PostId, o.Date, o.Rank, o.Applied, o.Placed)).ToList();
        return RankRowBuilder.Build(outcomes, seekers.ToDictionary(s => s.Id), posts.ToDictionary(p => p.Id), Options);
    });

    private static readonly Lazy<TwoStageResult> ResultValue = new(() => TwoStageTrainer.Train(Rows, SplitKind.Time, 1.0));

    public static IReadOnlyList<RankRow> Rows => RowsValue.Value;

    public static TwoStageResult Result => ResultValue.Value;
}
