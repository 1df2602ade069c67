using JobHome.Matching.Scoring;

namespace JobHome.Ranking.Rerank;

/// <summary>A pair ready for training and evaluation: its list (group), features, factors and outcome.</summary>
/// <param name="Group">The list it was shown in (one seeker on one day), numbered from 0.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="Factors">The linear stage's factors.</param>
/// <param name="Features">The re-ranker's features (the linear score slot is filled once the linear stage is trained).</param>
public sealed record RankRow(int Group, StageOutcome Outcome, FactorVector Factors, float[] Features);
