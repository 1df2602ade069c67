namespace JobHome.Matching.Scoring;

/// <summary>A recommended post (for a seeker) or seeker (for a post) with its score and top contributing factors.</summary>
/// <param name="Id">Post or seeker id.</param>
/// <param name="Score">Score in [0, 1].</param>
/// <param name="TopFactors">Factors by contribution, largest first (at most <see cref="MatchOptions.TopFactors"/>).</param>
public sealed record Recommendation(string Id, double Score, IReadOnlyList<FactorContribution> TopFactors);
