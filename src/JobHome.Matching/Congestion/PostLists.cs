using JobHome.Matching.Scoring;

namespace JobHome.Matching.Congestion;

/// <summary>Orders a person's plain candidates into a plain or a congestion-aware list of K posts, with reasons.</summary>
public static class PostLists
{
    /// <summary>
    /// The person's list: <paramref name="kind"/> plain takes the first <paramref name="count"/> candidates; aware takes the
    /// <paramref name="count"/> best by score − λ · max(0, cutoff − score) (ties: plain order). Only the given candidates
    /// can appear, so eligibility and the hard filters are those of the plain search. Each post carries its reason as
    /// numbers (<see cref="ListedPost.Reason"/>); its words are made when read.
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
            result[r] = new ListedPost(c.Id, c.Score, price.Penalty, r + 1, order[r] + 1, price.Cutoff, price.PerOpening,
                price.Crowding, price.Dual, c.TopFactors, ListedReason.Of(kind, r + 1, order[r] + 1, c.Score, price, settings));
        }
        return result;
    }

    /// <summary>
    /// The reason for <paramref name="post"/>'s place on a list of <paramref name="kind"/> (as <see cref="Order"/> gives it),
    /// in Chinese and English: a function of its rank, plain rank, score, price terms and <paramref name="settings"/> only.
    /// </summary>
    public static (string Zh, string En) Reason(ListedPost post, PostListKind kind, CongestionSettings settings)
    {
        var reason = ReasonOf(post, kind, settings);
        return (reason.Chinese, reason.English);
    }

    /// <summary>The numbers of <see cref="Reason"/> (their words are made when read).</summary>
    public static ListedReason ReasonOf(ListedPost post, PostListKind kind, CongestionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(settings);
        return ListedReason.Of(kind, post.Rank, post.PlainRank, post.Score,
            new ListedPrice(post.Cutoff, post.ApplicantsPerOpening, post.Crowding, post.DualPrice, post.Penalty), settings);
    }
}
