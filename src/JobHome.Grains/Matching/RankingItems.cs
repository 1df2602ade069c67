using JobHome.Matching.Congestion;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>
/// Ranked recommendations as list items: a re-ranked post's factors are the trees' reasons and its order key the trees'
/// score; an aware list's order key is score − congestion penalty and its first factor says where the post moved and why.
/// </summary>
internal static class RankingItems
{
    /// <summary>The factor token of the congestion reason.</summary>
    public const string CongestionToken = "congestion";

    /// <summary>The item of a recommendation in the model's own order.</summary>
    public static MatchItem Plain(Recommendation recommendation) =>
        recommendation.Reranked is { } reranked
            ? new MatchItem(recommendation.Id, recommendation.Score, Factors(recommendation), reranked.Score)
            : MatchItem.From(recommendation);

    /// <summary>
    /// The aware list of <paramref name="count"/> from the plain candidates (best first). A re-ranked plain order enters on
    /// the linear scale: the r-th candidate's base is the r-th best linear score, so the penalty moves posts relative to the
    /// trees' order; each item keeps its own linear score.
    /// </summary>
    /// <param name="plain">The plain candidates, best first; their factors may be left out when <paramref name="explain"/> is
    /// given.</param>
    /// <param name="prices">The partition's post prices.</param>
    /// <param name="count">How many to keep.</param>
    /// <param name="settings">The penalty's settings.</param>
    /// <param name="explain">
    /// Adds the factors to the kept candidates (same ids, scores and order), so that only those are explained; null when
    /// <paramref name="plain"/> carries its factors already.
    /// </param>
    public static MatchItem[] Aware(IReadOnlyList<Recommendation> plain, PostPrices prices, int count, CongestionSettings settings,
        Func<IReadOnlyList<Recommendation>, IReadOnlyList<Recommendation>>? explain = null)
    {
        IReadOnlyList<Recommendation> bases = plain;
        if (plain[0].Reranked is not null)
        {
            var sorted = plain.Select(static r => r.Score).OrderDescending().ToArray();
            bases = [.. plain.Select((r, i) => r with { Score = sorted[i] })];
        }
        var listed = PostLists.Order(bases, PostListKind.Aware, prices, count, settings);
        var kept = new Recommendation[listed.Count];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = plain[listed[i].PlainRank - 1];
        }
        var explained = explain is null ? kept : explain(kept);
        var items = new MatchItem[listed.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var post = listed[i];
            var original = explained[i];
            var why = new MatchFactorView(CongestionToken, post.Penalty, -post.Penalty, post.WhyZh, post.WhyEn);
            items[i] = new MatchItem(original.Id, original.Score, [why, .. Factors(original)], post.AwareScore);
        }
        return items;
    }

    private static MatchFactorView[] Factors(Recommendation recommendation)
    {
        if (recommendation.Reranked is not { } reranked)
        {
            return MatchItem.From(recommendation).Factors;
        }
        var factors = new MatchFactorView[reranked.Reasons.Count];
        for (var i = 0; i < factors.Length; i++)
        {
            var reason = reranked.Reasons[i];
            factors[i] = new MatchFactorView(RerankFeatureNames.Tokens[(int)reason.Feature], reason.Value, reason.Contribution,
                reason.Chinese, reason.English);
        }
        return factors;
    }
}
