using JobHome.Matching.Ranking;

namespace JobHome.Fair;

/// <summary>An engine whose recommendations can be re-ordered by a second-stage re-ranker (a model.zip's trees).</summary>
internal interface IRerankingFairEngine
{
    /// <summary>The same engine with <paramref name="reranker"/> ordering its recommendations (assignment unchanged).</summary>
    IFairEngine WithReranker(TreeEnsemble reranker);
}
