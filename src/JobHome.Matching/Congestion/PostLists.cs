using System.Buffers;
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
            SelectAware(candidates, prices!, settings, order);
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
    /// The aware list of <see cref="Order"/> as places (no <see cref="ListedPost"/> objects): writes the first
    /// <c>min(count, candidates)</c> places to <paramref name="places"/> and returns how many. Place r holds the candidate's
    /// plain rank (its index in <paramref name="candidates"/> + 1), the penalty and the reason that <see cref="Order"/> gives
    /// the post at rank r + 1: the same numbers, for a caller that keeps only some of them.
    /// </summary>
    /// <param name="candidates">The person's plain candidates, best first.</param>
    /// <param name="prices">Post prices.</param>
    /// <param name="count">List length K.</param>
    /// <param name="settings">λ and μ of the penalty.</param>
    /// <param name="places">At least <c>min(count, candidates.Count)</c> long.</param>
    public static int OrderAware(IReadOnlyList<Recommendation> candidates, PostPrices prices, int count, CongestionSettings settings,
        Span<ListedPlace> places) =>
        OrderAwareOf(candidates, prices, count, settings, places);

    /// <summary>
    /// <see cref="OrderAware(IReadOnlyList{Recommendation}, PostPrices, int, CongestionSettings, Span{ListedPlace})"/> of
    /// candidates given as ids and scores (the same places for the same ids, scores and order).
    /// </summary>
    /// <param name="candidates">The person's plain candidates, best first.</param>
    /// <param name="prices">Post prices.</param>
    /// <param name="count">List length K.</param>
    /// <param name="settings">λ and μ of the penalty.</param>
    /// <param name="places">At least <c>min(count, candidates.Count)</c> long.</param>
    public static int OrderAware(IReadOnlyList<ScoredRecord> candidates, PostPrices prices, int count, CongestionSettings settings,
        Span<ListedPlace> places) =>
        OrderAwareOf(candidates, prices, count, settings, places);

    private static int OrderAwareOf<T>(IReadOnlyList<T> candidates, PostPrices prices, int count, CongestionSettings settings,
        Span<ListedPlace> places)
        where T : IScored
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var m = Math.Min(count, candidates.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(places.Length, m, nameof(places));
        var order = ArrayPool<int>.Shared.Rent(m);
        try
        {
            SelectAware(candidates, prices, settings, order.AsSpan(0, m));
            for (var r = 0; r < m; r++)
            {
                var c = candidates[order[r]];
                var price = ListedPrice.Of(prices, c.Id, c.Score, PostListKind.Aware, settings);
                places[r] = new ListedPlace(order[r] + 1, price.Penalty,
                    ListedReason.Of(PostListKind.Aware, r + 1, order[r] + 1, c.Score, price, settings));
            }
            return m;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }
    }

    // The aware choice: order[r] = the candidate index at rank r + 1 (order.Length ≤ candidates). Its per-candidate rows are
    // scratch, rented (a recompute per marked holder made six arrays of the candidate depth each time).
    private static void SelectAware<T>(IReadOnlyList<T> candidates, PostPrices prices, CongestionSettings settings,
        Span<int> order)
        where T : IScored
    {
        var n = candidates.Count;
        var rows = ArrayPool<double>.Shared.Rent(5 * n);
        var postRow = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var all = rows.AsSpan(0, 5 * n);
            var cutoffs = all.Slice(0, n);
            var crowding = all.Slice(n, n);
            var duals = all.Slice(2 * n, n);
            var scores = all.Slice(3 * n, n);
            var scratch = all.Slice(4 * n, n);
            var posts = postRow.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                posts[i] = i;
                scores[i] = candidates[i].Score;
                cutoffs[i] = prices.Cutoff(candidates[i].Id);
                crowding[i] = prices.Crowding(candidates[i].Id);
                duals[i] = prices.DualPrice(candidates[i].Id);
            }
            CongestionPricer.Select(posts, scores, cutoffs, crowding, duals, settings, order, scratch);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rows);
            ArrayPool<int>.Shared.Return(postRow);
        }
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
