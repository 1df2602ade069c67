using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// <c>query-bytes</c>' aware part from public pieces, as a partition's first recompute for a seeker builds it
/// (<c>RankingItems.Aware</c> without held reasons): the order of the candidates, the kept ones explained, and per item the
/// congestion reason in front of the linear factors.
/// </summary>
internal static class QueryBytesParts
{
    /// <summary>The aware part of 20 from <paramref name="candidates"/> (best first, unexplained).</summary>
    public static MatchItem[] Aware(MatchIndex index, MatchSeeker seeker, IReadOnlyList<Recommendation> candidates, PostPrices prices,
        CongestionSettings settings, MatchOptions options)
    {
        var listed = PostLists.Order(candidates, PostListKind.Aware, prices, 20, settings);
        var kept = new Recommendation[listed.Count];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = candidates[listed[i].PlainRank - 1];
        }
        var explained = index.ExplainPosts(seeker, kept, options);
        var items = new MatchItem[listed.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var linear = MatchItem.FactorsOf(explained[i]);
            var factors = new MatchFactorView[linear.Length + 1];
            factors[0] = MatchFactorView.Congestion(listed[i].Reason);
            linear.CopyTo(factors, 1);
            items[i] = new MatchItem(explained[i].Id, explained[i].Score, factors, listed[i].AwareScore);
        }
        return items;
    }
}
