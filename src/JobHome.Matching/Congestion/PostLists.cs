using System.Globalization;
using System.Runtime.CompilerServices;
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
        int count, CongestionSettings settings) => Order(candidates, kind, prices, count, settings, reasons: true);

    /// <summary>
    /// As <see cref="Order(IReadOnlyList{Recommendation}, PostListKind, PostPrices?, int, CongestionSettings)"/>; with
    /// <paramref name="reasons"/> false the posts' <see cref="ListedPost.WhyZh"/> and <see cref="ListedPost.WhyEn"/> are
    /// left empty (the same order, ranks, prices and penalties), for a caller that formats only the reasons it does not hold
    /// already (<see cref="Reason"/>).
    /// </summary>
    public static IReadOnlyList<ListedPost> Order(IReadOnlyList<Recommendation> candidates, PostListKind kind, PostPrices? prices,
        int count, CongestionSettings settings, bool reasons)
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
            var (zh, en) = reasons ? Why(kind, r + 1, order[r] + 1, c.Score, price, settings) : (string.Empty, string.Empty);
            result[r] = new ListedPost(c.Id, c.Score, price.Penalty, r + 1, order[r] + 1, price.Cutoff, price.PerOpening,
                price.Crowding, price.Dual, c.TopFactors,
                zh, en);
        }
        return result;
    }

    /// <summary>
    /// The reason for <paramref name="post"/>'s place on a list of <paramref name="kind"/> (as <see cref="Order(IReadOnlyList{Recommendation}, PostListKind, PostPrices?, int, CongestionSettings)"/>
    /// words it), in Chinese and English: a function of its rank, plain rank, score, price terms and
    /// <paramref name="settings"/> only.
    /// </summary>
    public static (string Zh, string En) Reason(ListedPost post, PostListKind kind, CongestionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(settings);
        return Why(kind, post.Rank, post.PlainRank, post.Score,
            new ListedPrice(post.Cutoff, post.ApplicantsPerOpening, post.Crowding, post.DualPrice, post.Penalty), settings);
    }

    /// <summary>The reason for a post's place, in Chinese and English.</summary>
    /// <remarks>Each text is written in one pass (two strings per post: this runs for every item of every aware list a
    /// partition computes).</remarks>
    internal static (string Zh, string En) Why(PostListKind kind, int rank, int plainRank, double score, ListedPrice price,
        CongestionSettings settings)
    {
        if (kind == PostListKind.Plain)
        {
            return ("按匹配得分排序", "ordered by match score");
        }
        var inv = CultureInfo.InvariantCulture;
        var dual = settings.Dual > 0 && price.Dual > 0;
        var cutoff = settings.Strength > 0 && price.Cutoff > score;
        var move = rank.CompareTo(plainRank);

        var zh = new DefaultInterpolatedStringHandler(0, 0, inv, stackalloc char[160]);
        if (move == 0)
        {
            zh.AppendLiteral("位置未变");
        }
        else
        {
            zh.AppendLiteral("从第");
            zh.AppendFormatted(plainRank);
            zh.AppendLiteral(move > 0 ? "位下调至第" : "位上调至第");
            zh.AppendFormatted(rank);
            zh.AppendLiteral("位");
        }
        zh.AppendLiteral("：");
        if (price.Penalty > 0)
        {
            zh.AppendLiteral("竞争扣减");
            zh.AppendFormatted(price.Penalty, "0.00");
        }
        else
        {
            zh.AppendLiteral("无竞争扣减");
        }
        zh.AppendLiteral("（每个空缺预计");
        zh.AppendFormatted(price.PerOpening, "0.0");
        zh.AppendLiteral("人投递");
        if (dual)
        {
            zh.AppendLiteral("，竞争价");
            zh.AppendFormatted(price.Dual, "0.00");
        }
        if (cutoff)
        {
            zh.AppendLiteral("，预计录用分数线");
            zh.AppendFormatted(price.Cutoff, "0.00");
            zh.AppendLiteral("高于本人得分");
            zh.AppendFormatted(score, "0.00");
        }
        zh.AppendLiteral("）");

        var en = new DefaultInterpolatedStringHandler(0, 0, inv, stackalloc char[256]);
        if (move == 0)
        {
            en.AppendLiteral("position unchanged");
        }
        else
        {
            en.AppendLiteral(move > 0 ? "moved down from " : "moved up from ");
            en.AppendFormatted(plainRank);
            en.AppendLiteral(" to ");
            en.AppendFormatted(rank);
        }
        en.AppendLiteral(": ");
        if (price.Penalty > 0)
        {
            en.AppendLiteral("congestion penalty ");
            en.AppendFormatted(price.Penalty, "0.00");
        }
        else
        {
            en.AppendLiteral("no congestion penalty");
        }
        en.AppendLiteral(" (");
        en.AppendFormatted(price.PerOpening, "0.0");
        en.AppendLiteral(" expected applicants per opening");
        if (dual)
        {
            en.AppendLiteral(", market price ");
            en.AppendFormatted(price.Dual, "0.00");
        }
        if (cutoff)
        {
            en.AppendLiteral(", expected hiring cutoff ");
            en.AppendFormatted(price.Cutoff, "0.00");
            en.AppendLiteral(" above your score ");
            en.AppendFormatted(score, "0.00");
        }
        en.AppendLiteral(")");
        return (zh.ToStringAndClear(), en.ToStringAndClear());
    }
}
