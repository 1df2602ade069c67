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
            var price = ListedPrice.Of(prices, c.Id, c.Score, kind, settings);
            var (zh, en) = Why(kind, r + 1, order[r] + 1, c.Score, price, settings);
            result[r] = new ListedPost(c.Id, c.Score, price.Penalty, r + 1, order[r] + 1, price.Cutoff, price.PerOpening,
                price.Crowding, price.Dual, c.TopFactors,
                zh, en);
        }
        return result;
    }

    /// <summary>The reason for a post's place, in Chinese and English.</summary>
    internal static (string Zh, string En) Why(PostListKind kind, int rank, int plainRank, double score, ListedPrice price,
        CongestionSettings settings)
    {
        var inv = CultureInfo.InvariantCulture;
        if (kind == PostListKind.Plain)
        {
            return ("按匹配得分排序", "ordered by match score");
        }
        var zh = new List<string>();
        var en = new List<string>();
        zh.Add(string.Create(inv, $"每个空缺预计{price.PerOpening:0.0}人投递"));
        en.Add(string.Create(inv, $"{price.PerOpening:0.0} expected applicants per opening"));
        if (settings.Dual > 0 && price.Dual > 0)
        {
            zh.Add(string.Create(inv, $"竞争价{price.Dual:0.00}"));
            en.Add(string.Create(inv, $"market price {price.Dual:0.00}"));
        }
        if (settings.Strength > 0 && price.Cutoff > score)
        {
            zh.Add(string.Create(inv, $"预计录用分数线{price.Cutoff:0.00}高于本人得分{score:0.00}"));
            en.Add(string.Create(inv, $"expected hiring cutoff {price.Cutoff:0.00} above your score {score:0.00}"));
        }
        var (moveZh, moveEn) = rank.CompareTo(plainRank) switch
        {
            > 0 => (string.Create(inv, $"从第{plainRank}位下调至第{rank}位"), string.Create(inv, $"moved down from {plainRank} to {rank}")),
            < 0 => (string.Create(inv, $"从第{plainRank}位上调至第{rank}位"), string.Create(inv, $"moved up from {plainRank} to {rank}")),
            _ => ("位置未变", "position unchanged"),
        };
        var (costZh, costEn) = price.Penalty > 0
            ? (string.Create(inv, $"竞争扣减{price.Penalty:0.00}"), string.Create(inv, $"congestion penalty {price.Penalty:0.00}"))
            : ("无竞争扣减", "no congestion penalty");
        return ($"{moveZh}：{costZh}（{string.Join("，", zh)}）", $"{moveEn}: {costEn} ({string.Join(", ", en)})");
    }
}
