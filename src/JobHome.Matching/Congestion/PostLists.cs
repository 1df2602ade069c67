using System.Globalization;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Congestion;

/// <summary>Orders a person's plain candidates into a plain or a congestion-aware list of K posts, with reasons.</summary>
public static class PostLists
{
    /// <summary>
    /// The person's list: <paramref name="kind"/> plain takes the first <paramref name="count"/> candidates; aware takes the
    /// <paramref name="count"/> best by score − λ · max(0, cutoff − score) (ties: plain order). Only the given candidates
    /// can appear, so eligibility and the hard filters are those of the plain search.
    /// </summary>
    /// <param name="candidates">The person's plain candidates, best first (e.g. <see cref="Index.MatchIndex.TopPostsForSeeker"/>).</param>
    /// <param name="kind">Plain or aware.</param>
    /// <param name="prices">Post prices (<see cref="PostPrices.Estimate"/>); may be null for a plain list.</param>
    /// <param name="count">List length K.</param>
    /// <param name="settings">λ and μ of the penalty (the settings the prices were estimated with).</param>
    public static IReadOnlyList<ListedPost> Order(IReadOnlyList<Recommendation> candidates, PostListKind kind, PostPrices? prices,
        int count, CongestionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (kind == PostListKind.Aware && prices is null)
        {
            throw new ArgumentNullException(nameof(prices), "an aware list needs post prices");
        }
        var n = candidates.Count;
        var order = new int[Math.Min(count, n)];
        if (kind == PostListKind.Plain)
        {
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
        }
        else
        {
            var cutoffs = new double[n];
            var crowding = new double[n];
            var duals = new double[n];
            var posts = new int[n];
            var scores = new double[n];
            for (var i = 0; i < n; i++)
            {
                posts[i] = i;
                scores[i] = candidates[i].Score;
                cutoffs[i] = prices!.Cutoff(candidates[i].Id);
                crowding[i] = prices.Crowding(candidates[i].Id);
                duals[i] = prices.DualPrice(candidates[i].Id);
            }
            CongestionPricer.Select(posts, scores, cutoffs, crowding, duals, settings, order, new double[n]);
        }
        var result = new ListedPost[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            var c = candidates[order[r]];
            var cutoff = prices?.Cutoff(c.Id) ?? 0;
            var perOpening = prices?.ApplicantsPerOpening(c.Id) ?? 0;
            var penalty = kind == PostListKind.Aware
                ? CongestionPricer.Penalty(c.Score, cutoff, prices!.Crowding(c.Id), prices.DualPrice(c.Id), settings)
                : 0;
            var (zh, en) = Why(kind, r + 1, order[r] + 1, c.Score, cutoff, perOpening, penalty);
            result[r] = new ListedPost(c.Id, c.Score, penalty, r + 1, order[r] + 1, cutoff, perOpening, c.TopFactors, zh, en);
        }
        return result;
    }

    /// <summary>The reason for a post's place, in Chinese and English.</summary>
    internal static (string Zh, string En) Why(PostListKind kind, int rank, int plainRank, double score, double cutoff,
        double perOpening, double penalty)
    {
        var inv = CultureInfo.InvariantCulture;
        if (kind == PostListKind.Plain)
        {
            return ("按匹配得分排序", "ordered by match score");
        }
        var crowd = string.Create(inv, $"{perOpening:0.0}");
        if (penalty > 0)
        {
            return (string.Create(inv,
                    $"竞争激烈：每个空缺预计{crowd}人投递，预计录用分数线{cutoff:0.00}高于本人得分{score:0.00}，排序从第{plainRank}位下调至第{rank}位"),
                string.Create(inv,
                    $"crowded: {crowd} expected applicants per opening and an expected hiring cutoff of {cutoff:0.00} above your " +
                    $"score {score:0.00}; moved down from {plainRank} to {rank}"));
        }
        if (rank < plainRank)
        {
            return (string.Create(inv, $"竞争较小：每个空缺预计{crowd}人投递，本人得分不低于预计录用分数线，排序从第{plainRank}位上调至第{rank}位"),
                string.Create(inv,
                    $"less crowded: {crowd} expected applicants per opening and your score meets the expected cutoff; moved up " +
                    $"from {plainRank} to {rank}"));
        }
        return (string.Create(inv, $"本人得分不低于预计录用分数线（每个空缺预计{crowd}人投递），位置未变"),
            string.Create(inv, $"your score meets the expected cutoff ({crowd} expected applicants per opening); position unchanged"));
    }
}
