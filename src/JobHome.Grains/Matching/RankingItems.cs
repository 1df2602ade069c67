using System.Buffers;
using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
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
        // The places only (no ListedPost per candidate kept), in a rented row.
        var places = ArrayPool<ListedPlace>.Shared.Rent(Math.Min(count, bases.Count));
        try
        {
            var listed = PostLists.OrderAware(bases, prices, count, settings, places);
            var kept = new Recommendation[listed];
            for (var i = 0; i < kept.Length; i++)
            {
                kept[i] = plain[places[i].PlainRank - 1];
            }
            var explained = explain is null ? kept : explain(kept);
            var items = new MatchItem[listed];
            var plainRanks = new int[items.Length];
            var same = held is not null && ReferenceEquals(held.Prices, prices) && ReferenceEquals(held.Settings, settings);
            for (var i = 0; i < items.Length; i++)
            {
                var place = places[i];
                var basis = bases[place.PlainRank - 1];
                var original = explained[i];
                plainRanks[i] = place.PlainRank;
                var why = (same ? held!.At(i, basis.Id, basis.Score, place.PlainRank) : null)
                    ?? MatchFactorView.Congestion(place.Reason);
                items[i] = new MatchItem(original.Id, original.Score, WithLeading(why, original), basis.Score - place.Penalty);
            }
            reasons = new HeldReasons(prices, settings, items, plainRanks);
            return items;
        }
        finally
        {
            ArrayPool<ListedPlace>.Shared.Return(places);
        }
    }

    /// <summary>
    /// The aware list of <paramref name="count"/> from linear candidates given as ids and scores (best first, no re-ranker):
    /// the items <see cref="Aware(IReadOnlyList{Recommendation}, PostPrices, int, CongestionSettings, Func{IReadOnlyList{Recommendation}, IReadOnlyList{Recommendation}}?, HeldReasons?, out HeldReasons)"/>
    /// gives for the same candidates as recommendations with the kept ones explained by <see cref="MatchIndex.ExplainPosts"/>
    /// (except those <paramref name="reusable"/> accepts), made with no recommendation or <see cref="FactorContribution"/>
    /// object: the kept items' factor values come from <see cref="MatchIndex.ExplainPostFactors"/> and their views straight
    /// from the numbers (<see cref="Scorer.Order"/>).
    /// </summary>
    /// <param name="plain">The linear candidates, best first (<see cref="MatchIndex.RankPostsForSeeker"/>).</param>
    /// <param name="prices">The partition's post prices.</param>
    /// <param name="count">How many to keep.</param>
    /// <param name="settings">The penalty's settings.</param>
    /// <param name="index">The index that ranked them, in the same turn.</param>
    /// <param name="seeker">The seeker they were ranked for.</param>
    /// <param name="options">The query's options (<see cref="MatchOptions.TopFactors"/> says how many factors an item shows).</param>
    /// <param name="linear">The linear model that ranked them.</param>
    /// <param name="reusable">The posts whose words the seeker holds (left unexplained), or null.</param>
    /// <param name="held">The same seeker's earlier reasons from here, or null.</param>
    /// <param name="reasons">This answer's reasons.</param>
    public static MatchItem[] Aware(IReadOnlyList<ScoredRecord> plain, PostPrices prices, int count, CongestionSettings settings,
        MatchIndex index, MatchSeeker seeker, MatchOptions options, ScoringModel linear, Func<string, bool>? reusable,
        HeldReasons? held, out HeldReasons reasons)
    {
        var m = Math.Min(count, plain.Count);
        var places = ArrayPool<ListedPlace>.Shared.Rent(m);
        var ids = ArrayPool<string>.Shared.Rent(m);
        var explainedAt = ArrayPool<int>.Shared.Rent(m);
        var vectors = ArrayPool<FactorVector>.Shared.Rent(m);
        try
        {
            var listed = PostLists.OrderAware(plain, prices, count, settings, places);
            // The items to explain, in list order (none when no factor is shown: ExplainPosts leaves them as ranked).
            var shown = Math.Clamp(options.TopFactors, 0, FactorVector.Count);
            var fresh = 0;
            for (var i = 0; shown > 0 && i < listed; i++)
            {
                var id = plain[places[i].PlainRank - 1].Id;
                if (reusable is null || !reusable(id))
                {
                    ids[fresh] = id;
                    explainedAt[fresh++] = i;
                }
            }
            index.ExplainPostFactors(seeker, ids.AsSpan(0, fresh), options, vectors);
            Span<int> order = stackalloc int[FactorVector.Count];
            Span<double> contributions = stackalloc double[FactorVector.Count];
            var items = new MatchItem[listed];
            var plainRanks = new int[items.Length];
            var same = held is not null && ReferenceEquals(held.Prices, prices) && ReferenceEquals(held.Settings, settings);
            var next = 0;
            for (var i = 0; i < items.Length; i++)
            {
                var place = places[i];
                var candidate = plain[place.PlainRank - 1];
                plainRanks[i] = place.PlainRank;
                var why = (same ? held!.At(i, candidate.Id, candidate.Score, place.PlainRank) : null)
                    ?? MatchFactorView.Congestion(place.Reason);
                MatchFactorView[] factors;
                if (next < fresh && explainedAt[next] == i)
                {
                    ref readonly var vector = ref vectors[next++];
                    Scorer.Order(in vector, linear, order, contributions);
                    factors = new MatchFactorView[shown + 1];
                    factors[0] = why;
                    for (var k = 0; k < shown; k++)
                    {
                        var factor = (Factor)order[k];
                        factors[k + 1] = MatchFactorView.Of(factor, vector[factor], contributions[order[k]], linear.Weight(factor));
                    }
                }
                else if (same && held!.Unexplained(i, why, candidate.Score - place.Penalty) is { } repeated)
                {
                    // A push mostly repeats the held items: the held object, not an equal copy.
                    items[i] = repeated;
                    continue;
                }
                else
                {
                    // The reason alone: the array shared for its numbers (most unexplained items word a shared place).
                    factors = MatchFactorView.Alone(why);
                }
                items[i] = new MatchItem(candidate.Id, candidate.Score, factors, candidate.Score - place.Penalty);
            }
            reasons = new HeldReasons(prices, settings, items, plainRanks);
            return items;
        }
        finally
        {
            ArrayPool<ListedPlace>.Shared.Return(places);
            ArrayPool<string>.Shared.Return(ids, clearArray: true);
            ArrayPool<int>.Shared.Return(explainedAt);
            ArrayPool<FactorVector>.Shared.Return(vectors);
        }
    }

    // The reason first, then the recommendation's factors, in one array (not the factors' array copied behind the reason).
    private static MatchFactorView[] WithLeading(MatchFactorView why, Recommendation recommendation)
    {
        if (recommendation.Reranked is not null)
        {
            var linear = Factors(recommendation);
            var all = new MatchFactorView[linear.Length + 1];
            all[0] = why;
            linear.CopyTo(all, 1);
            return all;
        }
        var top = recommendation.TopFactors;
        var factors = new MatchFactorView[top.Count + 1];
        factors[0] = why;
        for (var i = 0; i < top.Count; i++)
        {
            factors[i + 1] = MatchFactorView.Of(top[i]);
        }
        return factors;
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

    /// <summary>The held reason for post <paramref name="id"/> (plain score <paramref name="score"/>, plain rank
    /// <paramref name="plainRank"/>) at (0-based) <paramref name="index"/>, or null when it is another place.</summary>
    public MatchFactorView? At(int index, string id, double score, int plainRank)
    {
        if (index >= items.Length || plainRanks[index] != plainRank)
        {
            return null;
        }
        var item = items[index];
        return string.Equals(item.Id, id, StringComparison.Ordinal) && item.Score == score && item.Factors.Length > 0
            && string.Equals(item.Factors[0].Factor, RankingItems.CongestionToken, StringComparison.Ordinal)
            ? item.Factors[0]
            : null;
    }

    /// <summary>
    /// The held item at (0-based) <paramref name="index"/> when it is the unexplained item an answer makes there with the held
    /// reason <paramref name="why"/> (from <see cref="At"/>: same post, score and plain rank) and order key
    /// <paramref name="orderKey"/>: it carries that reason only; else null.
    /// </summary>
    public MatchItem? Unexplained(int index, MatchFactorView why, double orderKey)
    {
        if (index >= items.Length)
        {
            return null;
        }
        var item = items[index];
        return item.Factors.Length == 1 && ReferenceEquals(item.Factors[0], why) && item.OrderKey == orderKey ? item : null;
    }
}
