namespace JobHome.Matching.Ranking;

/// <summary>A post after re-ranking, with the features that lifted it most.</summary>
/// <param name="Id">Post id.</param>
/// <param name="Score">Re-ranker score (higher first; not in [0, 1]).</param>
/// <param name="LinearScore">The linear stage's score.</param>
/// <param name="Reasons">Top contributing features, largest first.</param>
public sealed record RankedPost(string Id, double Score, double LinearScore, IReadOnlyList<RerankReason> Reasons);
