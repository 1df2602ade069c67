using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Ranking;

/// <summary>
/// The two stages together for one seeker: the linear stage's exact top-N (from the caller's index) re-ordered by the trees,
/// keeping the best k with the trees' reasons. Used by <c>fair match --recommendations-out</c> and the live post lists.
/// </summary>
public static class TwoStageRanking
{
    /// <summary>How many linear candidates the trees re-order. Default N of the issue: 100.</summary>
    public const int DefaultDepth = 100;

    /// <summary>
    /// Re-orders <paramref name="linearTop"/> (the linear stage's top-N, best first) by <paramref name="trees"/> and keeps the
    /// best <paramref name="count"/>. Each result keeps its linear score and factors and carries the re-ranking in
    /// <see cref="Recommendation.Reranked"/>. <paramref name="postOf"/> finds a listed post's features by id.
    /// </summary>
    /// <param name="trees">The re-ranker.</param>
    /// <param name="seeker">The seeker.</param>
    /// <param name="linearTop">The linear candidates, best first.</param>
    /// <param name="postOf">Finds a candidate's features by post id.</param>
    /// <param name="count">How many to keep.</param>
    /// <param name="options">Reference date and explanation size.</param>
    /// <param name="contextOf">
    /// Freshness, popularity and history of a candidate (<see cref="RerankContext.For"/>); null: all 0 (a post opened today,
    /// never shown, a seeker without applications).
    /// </param>
    public static IReadOnlyList<Recommendation> Rerank(
        TreeEnsemble trees,
        MatchSeeker seeker,
        IReadOnlyList<Recommendation> linearTop,
        Func<string, MatchPost> postOf,
        int count,
        MatchOptions options,
        Func<MatchPost, RerankContext>? contextOf = null)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(linearTop);
        ArgumentNullException.ThrowIfNull(postOf);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (linearTop.Count == 0 || count == 0)
        {
            return [];
        }
        var candidates = new RerankCandidate[linearTop.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            var post = postOf(linearTop[i].Id);
            candidates[i] = new RerankCandidate(post, linearTop[i].Score, contextOf?.Invoke(post) ?? default);
        }
        var ranked = new Reranker(trees, options).Rerank(seeker, candidates, count);
        var result = new Recommendation[ranked.Count];
        for (var r = 0; r < ranked.Count; r++)
        {
            var linear = FindLinear(linearTop, ranked[r].Id);
            result[r] = linear with { Reranked = ranked[r] };
        }
        return result;
    }

    private static Recommendation FindLinear(IReadOnlyList<Recommendation> linearTop, string id)
    {
        for (var i = 0; i < linearTop.Count; i++)
        {
            if (string.Equals(linearTop[i].Id, id, StringComparison.Ordinal))
            {
                return linearTop[i];
            }
        }
        throw new InvalidOperationException($"re-ranked post {id} is not among the linear candidates");
    }
}
