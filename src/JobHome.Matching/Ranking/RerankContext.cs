using JobHome.Matching.Model;

namespace JobHome.Matching.Ranking;

/// <summary>
/// What the re-ranker knows beyond the two records: the post's freshness and popularity, the seeker's history. Training
/// (<c>RankRowBuilder</c>) and serving build it with <see cref="For"/>, so a pair gets the same values in both.
/// </summary>
/// <param name="PostAgeDays">Days since the post opened (<see cref="AgeDays"/>).</param>
/// <param name="PostPopularity">Lists that showed the post in the last 14 days per opening (<see cref="PostPopularity"/>).</param>
/// <param name="SeekerApplications">The seeker's applications before.</param>
/// <param name="HistoryOccupation">Deepest occupation level (0–4) shared with a post the seeker applied to before.</param>
/// <param name="HistoryKind">Share of the seeker's earlier applications to posts of this kind (0 without any).</param>
public readonly record struct RerankContext(
    float PostAgeDays, float PostPopularity, float SeekerApplications, float HistoryOccupation = 0, float HistoryKind = 0)
{
    /// <summary>
    /// The context of (post, seeker) on <paramref name="day"/>: age from the post's <see cref="MatchPost.Opened"/> date, else
    /// from <paramref name="firstSeen"/> (the first day the caller saw the post), never negative; popularity from
    /// <paramref name="popularity"/> (null: 0); history from <paramref name="history"/> (null: none).
    /// </summary>
    public static RerankContext For(MatchPost post, DateOnly day, DateOnly? firstSeen, PostPopularity? popularity,
        ApplicationHistory? history)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new RerankContext(
            AgeDays(post, day, firstSeen),
            popularity?.PerOpening(post.Id, day, post.Openings) ?? 0,
            history?.Count ?? 0,
            history?.OccupationDepth(post.Occupation) ?? 0,
            history?.KindShare(post.Kind) ?? 0);
    }

    /// <summary>Days from the post's opening (without an open date: <paramref name="firstSeen"/>) to <paramref name="day"/>; ≥ 0.</summary>
    public static float AgeDays(MatchPost post, DateOnly day, DateOnly? firstSeen)
    {
        ArgumentNullException.ThrowIfNull(post);
        var opened = post.Opened ?? firstSeen ?? day;
        return Math.Max(0, day.DayNumber - opened.DayNumber);
    }
}
