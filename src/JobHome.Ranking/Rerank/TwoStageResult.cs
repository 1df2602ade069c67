using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Ranking.Rerank;

/// <summary>What <see cref="TwoStageTrainer"/> learned and how both stages did on the held-out part.</summary>
/// <param name="Linear">The linear stage (trained on the training part).</param>
/// <param name="Trees">The re-ranker's compact evaluator.</param>
/// <param name="Model">ML.NET's re-ranker model.</param>
/// <param name="Schema">Its input schema (for saving).</param>
/// <param name="TrainRows">Training rows.</param>
/// <param name="TrainGroups">Training lists.</param>
/// <param name="HeldOutRows">Held-out rows.</param>
/// <param name="HeldOutGroups">Held-out lists.</param>
/// <param name="LinearMetrics">Linear stage on the held-out part.</param>
/// <param name="RerankerMetrics">Re-ranker on the held-out part.</param>
/// <param name="WithoutContextMetrics">
/// A re-ranker trained the same way with the context features (freshness, popularity, history:
/// <see cref="TwoStageTrainer.ContextFeatures"/>) held at 0, on the held-out part: what those features add.
/// </param>
public sealed record TwoStageResult(
    ScoringModel Linear, TreeEnsemble Trees, Microsoft.ML.ITransformer Model, Microsoft.ML.DataViewSchema Schema,
    int TrainRows, int TrainGroups, int HeldOutRows, int HeldOutGroups, RankingMetrics LinearMetrics, RankingMetrics RerankerMetrics,
    RankingMetrics WithoutContextMetrics)
{
    /// <summary>True when the re-ranker's held-out NDCG@10 is above the linear stage's (the acceptance rule).</summary>
    public bool RerankerWins => RerankerMetrics.Ndcg10 > LinearMetrics.Ndcg10;
}
