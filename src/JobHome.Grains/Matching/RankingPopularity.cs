using JobHome.Matching.Model;
using JobHome.Matching.Ranking;

namespace JobHome.Grains.Matching;

/// <summary>
/// A partition's live context for the re-ranker: how many seekers' lists showed each post on each of the last 14 days
/// (<see cref="PostPopularity"/>; a seeker's list counts once a day, like one shown list of the outcomes) and, for a post
/// without an open date (stored before posts kept it), the day this partition first indexed it (freshness). The seeker's
/// history comes with its match record (<see cref="PlacedWork"/>: placements only). Used in the grain's turns only.
/// </summary>
internal sealed class RankingPopularity
{
    private readonly PostPopularity _shown = new();
    private readonly Dictionary<string, DateOnly> _firstSeen = new(StringComparer.Ordinal);
    // Seeker id → day number its list was last counted; one int per seeker that queried here.
    private readonly Dictionary<string, int> _countedDay = new(StringComparer.Ordinal);

    /// <summary>Notes the first day a post was indexed here (kept across updates).</summary>
    public void Indexed(MatchPost post, DateOnly day)
    {
        if (post.Opened is null)
        {
            _firstSeen.TryAdd(post.Id, day);
        }
    }

    /// <summary>Forgets a removed post.</summary>
    public void Removed(string postId)
    {
        _firstSeen.Remove(postId);
        _shown.Forget(postId);
    }

    /// <summary>Forgets a removed seeker.</summary>
    public void RemovedSeeker(string seekerId) => _countedDay.Remove(seekerId);

    /// <summary>
    /// The re-ranker's context of <paramref name="post"/> on <paramref name="day"/> for a seeker with <paramref name="history"/>.
    /// </summary>
    public RerankContext Context(MatchPost post, DateOnly day, ApplicationHistory? history) =>
        RerankContext.For(post, day, _firstSeen.TryGetValue(post.Id, out var seen) ? seen : null, _shown, history);

    /// <summary>Counts the posts of a seeker's list as shown on <paramref name="day"/>, unless its list was counted that day.</summary>
    public void Shown(string seekerId, IReadOnlyList<MatchItem> items, DateOnly day)
    {
        if (_countedDay.TryGetValue(seekerId, out var counted) && counted == day.DayNumber)
        {
            return;
        }
        _countedDay[seekerId] = day.DayNumber;
        foreach (var item in items)
        {
            _shown.Record(item.Id, day);
        }
    }
}
