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
        Func<IReadOnlyList<Recommendation>, IReadOnlyList<Recommendation>>? explain = null) =>
        Aware(plain, prices, count, settings, explain, null, out _);

    /// <summary>
    /// As <see cref="Aware(IReadOnlyList{Recommendation}, PostPrices, int, CongestionSettings, Func{IReadOnlyList{Recommendation}, IReadOnlyList{Recommendation}}?)"/>,
    /// taking each item's congestion reason from <paramref name="held"/> when it is the same place (same post, rank,
    /// plain rank and score under the same prices and settings: the same numbers, hence words) instead of a new one (the
    /// held object keeps equal parts cheap to compare and shares the held part's memory); <paramref name="reasons"/> is what
    /// this answer's reasons can be reused from. The reasons are numbers (<see cref="MatchFactorView.Congestion"/>): their
    /// words are made when read.
    /// </summary>
    public static MatchItem[] Aware(IReadOnlyList<Recommendation> plain, PostPrices prices, int count, CongestionSettings settings,
        Func<IReadOnlyList<Recommendation>, IReadOnlyList<Recommendation>>? explain, HeldReasons? held, out HeldReasons reasons)
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
        var plainRanks = new int[items.Length];
        var same = held is not null && ReferenceEquals(held.Prices, prices) && ReferenceEquals(held.Settings, settings);
        for (var i = 0; i < items.Length; i++)
        {
            var post = listed[i];
            var original = explained[i];
            plainRanks[i] = post.PlainRank;
            var why = (same ? held!.At(i, post) : null) ?? MatchFactorView.Congestion(post.Reason);
            var linear = Factors(original);
            var factors = new MatchFactorView[linear.Length + 1];
            factors[0] = why;
            linear.CopyTo(factors, 1);
            items[i] = new MatchItem(original.Id, original.Score, factors, post.AwareScore);
        }
        reasons = new HeldReasons(prices, settings, items, plainRanks);
        return items;
    }

    private static MatchFactorView[] Factors(Recommendation recommendation)
    {
        if (recommendation.Reranked is not { } reranked)
        {
            return MatchItem.FactorsOf(recommendation);
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

/// <summary>
/// The congestion reasons of an aware part a partition answered (its items, their plain ranks, the prices and settings they
/// were computed under): an item of a later answer at the same rank for the same post, with the same plain rank and score
/// under the same prices and settings, has the same reason (<see cref="PostLists.ReasonOf"/> reads nothing else), so it
/// takes the held reason object instead of a new one.
/// </summary>
internal sealed class HeldReasons(PostPrices prices, CongestionSettings settings, MatchItem[] items, int[] plainRanks)
{
    /// <summary>The prices the reasons were computed under.</summary>
    public PostPrices Prices { get; } = prices;

    /// <summary>The penalty's settings the reasons were computed under.</summary>
    public CongestionSettings Settings { get; } = settings;

    /// <summary>The held reason for <paramref name="post"/> at (0-based) <paramref name="index"/>, or null when it is
    /// another place.</summary>
    public MatchFactorView? At(int index, ListedPost post)
    {
        if (index >= items.Length || plainRanks[index] != post.PlainRank)
        {
            return null;
        }
        var item = items[index];
        return string.Equals(item.Id, post.Id, StringComparison.Ordinal) && item.Score == post.Score && item.Factors.Length > 0
            && string.Equals(item.Factors[0].Factor, RankingItems.CongestionToken, StringComparison.Ordinal)
            ? item.Factors[0]
            : null;
    }
}
