using JobHome.Matching.Ranking;
using JobHome.Ranking.Linear;

namespace JobHome.Ranking.Rerank;

/// <summary>Splits rows, trains the linear stage (placed vs not) and the re-ranker (grades) on one part, evaluates on the other.</summary>
public static class TwoStageTrainer
{
    /// <summary>The features that come from outside the two records: post freshness and popularity, the seeker's history.</summary>
    public static IReadOnlyList<RerankFeature> ContextFeatures { get; } =
    [
        RerankFeature.PostAgeDays, RerankFeature.PostPopularity, RerankFeature.SeekerApplications, RerankFeature.HistoryOccupation,
        RerankFeature.HistoryKind,
    ];

    /// <summary>Trains and evaluates; <paramref name="l2"/> is the linear stage's L2 strength.</summary>
    public static TwoStageResult Train(IReadOnlyList<RankRow> rows, SplitKind split, double l2)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var heldOut = HeldOut(rows, split);
        var train = rows.Where((_, i) => !heldOut[i]).ToList();
        var test = rows.Where((_, i) => heldOut[i]).ToList();
        if (train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException("outcomes too few to split: both the training and the held-out part need rows");
        }
        var examples = train.Select(r => new Matching.Scoring.TrainingExample(r.Factors, r.Outcome.Placed)).ToList();
        var linear = LinearStageTrainer.Train(examples, l2);
        foreach (var row in rows)
        {
            row.Features[(int)RerankFeature.LinearScore] = (float)linear.Score(row.Factors);
        }
        var (model, schema, trees) = RerankerTrainer.Train(train);
        var linearScores = test.Select(r => linear.Score(r.Factors)).ToList();
        var treeScores = test.Select(r => trees.Score(r.Features)).ToList();
        // The same training with the context features held at 0: the before/after of the training report.
        var (_, _, plainTrees) = RerankerTrainer.Train([.. train.Select(WithoutContext)]);
        var plainScores = test.Select(r => plainTrees.Score(WithoutContext(r).Features)).ToList();
        return new TwoStageResult(linear, trees, model, schema, train.Count, train.Select(r => r.Group).Distinct().Count(), test.Count,
            test.Select(r => r.Group).Distinct().Count(), RankingMetrics.Compute(test, linearScores),
            RankingMetrics.Compute(test, treeScores), RankingMetrics.Compute(test, plainScores));
    }

    private static RankRow WithoutContext(RankRow row)
    {
        var features = (float[])row.Features.Clone();
        foreach (var feature in ContextFeatures)
        {
            features[(int)feature] = 0;
        }
        return row with { Features = features };
    }

    private static bool[] HeldOut(IReadOnlyList<RankRow> rows, SplitKind split)
    {
        var result = new bool[rows.Count];
        if (split == SplitKind.Seeker)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                result[i] = StableHash(rows[i].Outcome.SeekerId) % 5 == 0;
            }
            return result;
        }
        var dates = rows.Select(r => r.Outcome.Date).Order().ToArray();
        var cutoff = dates[Math.Min(dates.Length - 1, (int)(dates.Length * 0.8))];
        for (var i = 0; i < rows.Count; i++)
        {
            result[i] = rows[i].Outcome.Date >= cutoff;
        }
        return result;
    }

    private static uint StableHash(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }
        return h;
    }
}
