using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>Re-ranked recommendations as list items: the trees' reasons as factors, the trees' score as the order key.</summary>
internal static class RankingItems
{
    /// <summary>The item of a re-ranked recommendation (feature tokens from <see cref="RerankFeatureNames"/>).</summary>
    public static MatchItem From(Recommendation recommendation, RankedPost reranked)
    {
        var factors = new MatchFactorView[reranked.Reasons.Count];
        for (var i = 0; i < factors.Length; i++)
        {
            var reason = reranked.Reasons[i];
            factors[i] = new MatchFactorView(RerankFeatureNames.Tokens[(int)reason.Feature], reason.Value, reason.Contribution,
                reason.Chinese, reason.English);
        }
        return new MatchItem(recommendation.Id, recommendation.Score, factors, reranked.Score);
    }
}
