using JobHome.Matching.Ranking;

namespace JobHome.Matching.Scoring;

/// <summary>A recommended post (for a seeker) or seeker (for a post) with its score and top contributing factors.</summary>
/// <param name="Id">Post or seeker id.</param>
/// <param name="Score">Score in [0, 1] (the linear stage's, also when the list was re-ranked).</param>
/// <param name="TopFactors">Factors by contribution, largest first (at most <see cref="MatchOptions.TopFactors"/>).</param>
public sealed record Recommendation(string Id, double Score, IReadOnlyList<FactorContribution> TopFactors) : IScored
{
    /// <summary>The re-ranker's score and reasons when the list was ordered by the trees; null in linear order.</summary>
    public RankedPost? Reranked { get; init; }
}
